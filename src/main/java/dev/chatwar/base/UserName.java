package dev.chatwar.base;

import java.util.regex.Pattern;

/** A validated user name: 1 to 32 characters of letters, digits, '.', '_' or '-'. */
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

    @Override
    public String toString() {
        return value;
    }
}
