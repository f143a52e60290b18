package dev.chatwar.base;

/** The start of a text shown in a list or a quote: its first {@value #LENGTH} UTF-16 code units, "…" when cut. */
public final class Preview {

    public static final int LENGTH = 100;

    private Preview() {
    }

    /** null for null. */
    public static String of(String text) {
        if (text == null || text.length() <= LENGTH) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(LENGTH - 1)) ? LENGTH - 1 : LENGTH;
        return text.substring(0, end) + "…";
    }
}
