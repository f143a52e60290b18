package dev.chatwar.identity;

import dev.chatwar.protocol.ChatException;
import dev.chatwar.protocol.ErrorCode;

/**
 * The one seam that decides who is on the other end of a request. For now the claimed user name is taken
 * from the handshake's query parameter (WebSocket) or a header (HTTP); real authentication replaces this class.
 */
public final class Identity {

    public static final String QUERY_PARAMETER = "user";
    public static final String HEADER = "X-Chat-User";

    private Identity() {
    }

    public sealed interface Result permits Known, Refused {
    }

    public record Known(UserName user) implements Result {
    }

    /** Why a request is refused; {@code code} is part of the documented protocol. */
    public record Refused(ErrorCode code, String message) implements Result {
    }

    /** The user claimed by an HTTP request, or a {@link ChatException} saying why there is none. */
    public static UserName require(String claimed) {
        Result result = resolve(claimed);
        if (result instanceof Refused refused) {
            throw new ChatException(refused.code(), refused.message());
        }
        return ((Known) result).user();
    }

    public static Result resolve(String claimed) {
        if (claimed == null || claimed.isEmpty()) {
            return new Refused(ErrorCode.MISSING_USER, "no user name given");
        }
        if (!UserName.isValid(claimed)) {
            return new Refused(ErrorCode.INVALID_USER,
                    "user name must be 1-" + UserName.MAX_LENGTH + " characters of A-Z a-z 0-9 . _ -");
        }
        return new Known(new UserName(claimed));
    }
}
