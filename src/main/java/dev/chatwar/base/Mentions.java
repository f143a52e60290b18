package dev.chatwar.base;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The names a text may mention: each {@code @name} that does not follow a name character (so an e-mail address
 * mentions nobody), as name keys (lower case). A name ending in '.', '-' or '_' is also tried without them, so
 * that "thanks @bob." finds bob. At most {@link #MAX} names are taken from one text; the rest are ignored.
 */
public final class Mentions {

    /** The most names one message can mention. */
    public static final int MAX = 20;

    private Mentions() {
    }

    public static Set<String> candidates(String text) {
        Set<String> keys = new LinkedHashSet<>();
        int at = text.indexOf('@');
        while (at >= 0 && keys.size() < MAX) {
            int end = at + 1;
            while (end < text.length() && end - at - 1 < UserName.MAX_LENGTH + 1 && isNameChar(text.charAt(end))) {
                end++;
            }
            if (end > at + 1 && (at == 0 || !isNameChar(text.charAt(at - 1)))) {
                String name = text.substring(at + 1, end);
                add(keys, name);
                String trimmed = name.replaceAll("[._-]+$", "");
                if (!trimmed.equals(name) && keys.size() < MAX) {
                    add(keys, trimmed);
                }
            }
            at = text.indexOf('@', end);
        }
        return keys;
    }

    private static void add(Set<String> keys, String name) {
        if (UserName.isValid(name)) {
            keys.add(name.toLowerCase(Locale.ROOT));
        }
    }

    private static boolean isNameChar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '_' || c == '-';
    }
}
