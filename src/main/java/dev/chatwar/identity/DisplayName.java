package dev.chatwar.identity;

import dev.chatwar.base.ChatException;
import dev.chatwar.base.ErrorCode;

/**
 * The rule of a display name: 1 to 64 characters once trimmed, of any script, but no control or format
 * characters (no line breaks, no right-to-left overrides or zero-width marks that would disguise it), and no
 * unassigned or lone surrogate code points. It is shown as text, beside the sign-in name.
 */
public final class DisplayName {

    public static final int MAX_LENGTH = 64;

    private DisplayName() {
    }

    /** The name trimmed, or null for null (no display name); {@code invalid_field} when it breaks the rule. */
    public static String valid(String raw) {
        if (raw == null) {
            return null;
        }
        String name = raw.strip();
        int length = name.codePointCount(0, name.length());
        if (length < 1 || length > MAX_LENGTH) {
            throw new ChatException(ErrorCode.INVALID_FIELD, "a display name has 1 to " + MAX_LENGTH + " characters");
        }
        boolean shown = name.codePoints().allMatch(point -> switch (Character.getType(point)) {
            case Character.CONTROL, Character.FORMAT, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
                 Character.SURROGATE, Character.UNASSIGNED, Character.PRIVATE_USE -> false;
            default -> true;
        });
        if (!shown) {
            throw new ChatException(ErrorCode.INVALID_FIELD,
                    "a display name may not hold control, format or unassigned characters");
        }
        return name;
    }
}
