package dev.chatwar.base;

/** A request that the server refuses; nothing of it was stored. */
public class ChatException extends RuntimeException {

    private final ErrorCode code;
    private final String ref;

    public ChatException(ErrorCode code, String message) {
        this(code, message, null);
    }

    public ChatException(ErrorCode code, String message, String ref) {
        super(message, null, false, false);
        this.code = code;
        this.ref = ref;
    }

    public ErrorCode code() {
        return code;
    }

    /** The client's reference of the refused request, when it could be read. */
    public String ref() {
        return ref;
    }

    public ChatException withRef(String ref) {
        return new ChatException(code, getMessage(), ref);
    }
}
