package dev.chatwar.base;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A validated room name: 1 to 64 characters of letters, digits, '.', '_' or '-'; or a direct-message room
 * {@code dm:<user>:<user>} naming its two members in ascending order (by Java string order).
 */
public record RoomName(String value) {

    public static final int MAX_LENGTH = 64;
    /** The longest name of a direct-message room. */
    public static final int MAX_STORED_LENGTH = 3 + 2 * UserName.MAX_LENGTH + 1;
    private static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9._-]{1," + MAX_LENGTH + "}");
    private static final Pattern DIRECT = Pattern.compile("dm:([A-Za-z0-9._-]{1,32}):([A-Za-z0-9._-]{1,32})");
    public static final RoomName LOBBY = new RoomName("lobby");

    public RoomName {
        if (!isValid(value)) {
            throw new IllegalArgumentException("invalid room name");
        }
    }

    /** The room of that name, or {@code invalid_field} when the name is not allowed. */
    public static RoomName parse(String candidate) {
        if (!isValid(candidate)) {
            throw new ChatException(ErrorCode.INVALID_FIELD, "room must be 1-" + MAX_LENGTH
                    + " characters of A-Z a-z 0-9 . _ -, or dm:<user>:<user> with the two names in ascending order");
        }
        return new RoomName(candidate);
    }

    /** The direct-message room of two users. */
    public static RoomName direct(UserName one, UserName other) {
        boolean ordered = one.value().compareTo(other.value()) < 0;
        return new RoomName("dm:" + (ordered ? one : other) + ":" + (ordered ? other : one));
    }

    public static boolean isValid(String candidate) {
        if (candidate == null) {
            return false;
        }
        Matcher direct = DIRECT.matcher(candidate);
        if (direct.matches()) {
            return direct.group(1).compareTo(direct.group(2)) < 0;
        }
        return ALLOWED.matcher(candidate).matches();
    }

    public boolean isDirect() {
        return value.startsWith("dm:");
    }

    /** The two members of a direct-message room; empty for any other room. */
    public List<UserName> directMembers() {
        if (!isDirect()) {
            return List.of();
        }
        String[] parts = value.split(":");
        return List.of(new UserName(parts[1]), new UserName(parts[2]));
    }

    @Override
    public String toString() {
        return value;
    }
}
