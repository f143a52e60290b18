package dev.chatwar.base;

/**
 * A reaction: one emoji as a client sends it, kept verbatim. 1 to {@value #MAX_CODE_POINTS} code points, at least
 * one of them a symbol (Unicode category So, or unassigned in the emoji blocks U+1F000-1FAFF) or the keycap mark,
 * the others symbols, modifiers (skin tones), the zero-width joiner, variation selectors, the keycap mark, tag
 * characters or the keycap bases 0-9, # and *; so it holds sequences such as 👍🏽, 👩‍💻, 1️⃣ or 🏳️‍🌈, and never
 * text, spaces or controls.
 */
public record Emoji(String value) {

    public static final int MAX_CODE_POINTS = 16;
    /** Its longest form in UTF-16 code units: what a column must hold. */
    public static final int MAX_LENGTH = 2 * MAX_CODE_POINTS;

    public Emoji {
        if (value == null || !valid(value)) {
            throw new ChatException(ErrorCode.INVALID_FIELD, "emoji must be one emoji of 1 to " + MAX_CODE_POINTS
                    + " code points");
        }
    }

    private static boolean valid(String value) {
        int points = value.codePointCount(0, value.length());
        if (points < 1 || points > MAX_CODE_POINTS) {
            return false;
        }
        return value.codePoints().anyMatch(point -> symbol(point) || point == KEYCAP)
                && value.codePoints().allMatch(Emoji::part);
    }

    private static final int KEYCAP = 0x20E3;

    // emoji newer than this JDK's Unicode are unassigned to it: taken on trust in the emoji blocks
    private static boolean symbol(int point) {
        int type = Character.getType(point);
        return type == Character.OTHER_SYMBOL || (type == Character.UNASSIGNED && point >= 0x1F000 && point <= 0x1FAFF);
    }

    private static boolean part(int point) {
        return symbol(point) || Character.getType(point) == Character.MODIFIER_SYMBOL
                || point == 0x200D || point == 0xFE0E || point == 0xFE0F || point == KEYCAP
                || (point >= 0xE0020 && point <= 0xE007F)
                || (point >= '0' && point <= '9') || point == '#' || point == '*';
    }
}
