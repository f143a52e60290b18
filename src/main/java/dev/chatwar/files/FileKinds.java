package dev.chatwar.files;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * What a file is, from its first bytes and never from its name or the type its uploader claimed: a PNG, JPEG, GIF
 * or WebP image is served as such and shown inline; anything else, SVG and HTML included, as
 * {@value #DOWNLOAD}, to be saved, never rendered in the chat's origin.
 */
public final class FileKinds {

    public static final String DOWNLOAD = "application/octet-stream";

    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    private static final byte[] JPEG = {(byte) 0xff, (byte) 0xd8, (byte) 0xff};
    private static final byte[] GIF87 = "GIF87a".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] GIF89 = "GIF89a".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] RIFF = "RIFF".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] WEBP = "WEBP".getBytes(StandardCharsets.US_ASCII);

    private FileKinds() {
    }

    /** The media type the file is served with. */
    public static String typeOf(byte[] bytes) {
        if (startsWith(bytes, 0, PNG)) {
            return "image/png";
        }
        if (startsWith(bytes, 0, JPEG)) {
            return "image/jpeg";
        }
        if (startsWith(bytes, 0, GIF87) || startsWith(bytes, 0, GIF89)) {
            return "image/gif";
        }
        if (startsWith(bytes, 0, RIFF) && startsWith(bytes, 8, WEBP)) {
            return "image/webp";
        }
        return DOWNLOAD;
    }

    public static boolean isImage(String type) {
        return !type.equals(DOWNLOAD);
    }

    private static boolean startsWith(byte[] bytes, int at, byte[] magic) {
        return bytes.length >= at + magic.length && Arrays.equals(bytes, at, at + magic.length, magic, 0, magic.length);
    }
}
