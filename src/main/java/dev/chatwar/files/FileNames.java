package dev.chatwar.files;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * A file's name as shown and offered for saving: the last part of what the uploader gave (no folders), without
 * control or format characters (no right-to-left overrides to disguise "gpj.exe" as "exe.jpg"), at most
 * {@value #MAX_LENGTH} characters, "file" when nothing is left.
 */
public final class FileNames {

    public static final int MAX_LENGTH = 255;

    private FileNames() {
    }

    public static String clean(String given) {
        String name = given == null ? "" : given;
        name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        StringBuilder kept = new StringBuilder();
        name.codePoints().filter(point -> switch (Character.getType(point)) {
            case Character.CONTROL, Character.FORMAT, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
                 Character.SURROGATE, Character.UNASSIGNED, Character.PRIVATE_USE -> false;
            default -> true;
        }).forEach(kept::appendCodePoint);
        String clean = kept.toString().strip();
        if (clean.length() > MAX_LENGTH) {
            int end = Character.isHighSurrogate(clean.charAt(MAX_LENGTH - 1)) ? MAX_LENGTH - 1 : MAX_LENGTH;
            clean = clean.substring(0, end);
        }
        return clean.isEmpty() || clean.equals(".") || clean.equals("..") ? "file" : clean;
    }

    /**
     * The Content-Disposition header (RFC 6266): {@code inline} or {@code attachment}, the name in ASCII for old
     * clients and in UTF-8 (RFC 8187) for the others.
     */
    public static String disposition(boolean inline, String name) {
        String ascii = name.replaceAll("[^\\x20-\\x7e]", "_").replace("\\", "_").replace("\"", "_");
        String encoded = URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
        return (inline ? "inline" : "attachment") + "; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
    }
}
