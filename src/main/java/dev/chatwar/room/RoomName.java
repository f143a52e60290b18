package dev.chatwar.room;

import dev.chatwar.protocol.ChatException;
import dev.chatwar.protocol.ErrorCode;

import java.util.regex.Pattern;

/** A validated room name: 1 to 64 characters of letters, digits, '.', '_' or '-'. */
public record RoomName(String value) {

    public static final int MAX_LENGTH = 64;
    private static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9._-]{1," + MAX_LENGTH + "}");
    public static final RoomName LOBBY = new RoomName("lobby");

    public RoomName {
        if (!isValid(value)) {
            throw new IllegalArgumentException("invalid room name");
        }
    }

    /** The room of that name, or {@code invalid_field} when the name is not allowed. */
    public static RoomName parse(String candidate) {
        if (!isValid(candidate)) {
            throw new ChatException(ErrorCode.INVALID_FIELD,
                    "room must be 1-" + MAX_LENGTH + " characters of A-Z a-z 0-9 . _ -");
        }
        return new RoomName(candidate);
    }

    public static boolean isValid(String candidate) {
        return candidate != null && ALLOWED.matcher(candidate).matches();
    }

    @Override
    public String toString() {
        return value;
    }
}
