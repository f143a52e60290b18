package dev.chatwar.base;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A validated user name: 1 to 32 characters of letters, digits, '.', '_' or '-', spelled as its user chose;
 * unique ignoring case ({@link #key()}).
 */
public record UserName(String value) {

    public static final int MAX_LENGTH = 32;
    private static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9._-]{1," + MAX_LENGTH + "}");

    public UserName {
        if (!isValid(value)) {
            throw new IllegalArgumentException("invalid user name");
        }
    }

    public static boolean isValid(String candidate) {
        return candidate != null && ALLOWED.matcher(candidate).matches();
    }

    /** What names are unique by: two names that differ only in case are one name. */
    public String key() {
        return value.toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return value;
    }
}
