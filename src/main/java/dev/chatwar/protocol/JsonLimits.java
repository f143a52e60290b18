package dev.chatwar.protocol;

import dev.chatwar.base.ChatException;
import dev.chatwar.base.ErrorCode;

/**
 * What a request's JSON may be, checked before it is parsed: nested at most {@link #MAX_DEPTH} deep, with
 * numbers of at most {@link #MAX_NUMBER_LENGTH} characters. No request needs more, and a parser handed a
 * thousand levels or a thousand digits spends, throws and logs far more than the sender spent.
 */
public final class JsonLimits {

    public static final int MAX_DEPTH = 16;
    public static final int MAX_NUMBER_LENGTH = 32;

    private JsonLimits() {
    }

    /** Refuses with {@code malformed_json} a text nested too deep or with a number too long. */
    public static void check(String json) {
        int depth = 0;
        int number = 0;
        boolean inString = false;
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
                continue;
            }
            if (c == '-' || c == '+' || c == '.' || (c >= '0' && c <= '9') || c == 'e' || c == 'E') {
                if (++number > MAX_NUMBER_LENGTH) {
                    throw new ChatException(ErrorCode.MALFORMED_JSON, "a number has at most " + MAX_NUMBER_LENGTH
                            + " characters");
                }
                continue;
            }
            number = 0;
            if (c == '"') {
                inString = true;
            } else if (c == '{' || c == '[') {
                if (++depth > MAX_DEPTH) {
                    throw new ChatException(ErrorCode.MALFORMED_JSON, "JSON is nested at most " + MAX_DEPTH
                            + " levels deep");
                }
            } else if (c == '}' || c == ']') {
                depth--;
            }
        }
    }
}
