package dev.chatwar.base;

/** The text of a message: not blank, at most {@value #MAX_LENGTH} UTF-16 code units, kept verbatim. */
public record MessageText(String value) {

    public static final int MAX_LENGTH = 4000;

    public MessageText {
        if (value == null || value.isBlank()) {
            throw new ChatException(ErrorCode.INVALID_FIELD, "text must not be blank");
        }
        if (value.length() > MAX_LENGTH) {
            throw new ChatException(ErrorCode.INVALID_FIELD, "text is longer than " + MAX_LENGTH + " characters");
        }
    }
}
