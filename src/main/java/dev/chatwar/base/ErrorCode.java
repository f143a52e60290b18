package dev.chatwar.base;

/** The stable codes of {@code error} frames and HTTP error bodies; documented in docs/protocol.md. */
public enum ErrorCode {
    UNAUTHENTICATED(401),
    INVALID_TOKEN(401),
    BAD_CREDENTIALS(401),
    INVALID_USER(400),
    WEAK_PASSWORD(400),
    USER_TAKEN(409),
    FORBIDDEN_ORIGIN(403),
    TOO_MANY_CONNECTIONS(429),
    UPGRADE_REQUIRED(426),
    RATE_LIMITED(429),
    MALFORMED_JSON(400),
    BODY_TOO_LARGE(413),
    BODY_TIMEOUT(408),
    UNKNOWN_TYPE(400),
    MISSING_FIELD(400),
    INVALID_FIELD(400),
    NOT_IN_ROOM(403),
    NOT_A_MEMBER(403),
    ROOM_EXISTS(409),
    TOO_MANY_ROOMS(429),
    NOT_YOUR_MESSAGE(403),
    NOT_FOUND(404),
    ALREADY_RETRACTED(409),
    NOT_ALLOWED(403),
    BANNED(403),
    MUTED(403),
    NO_CHANGE(409),
    TOO_MANY_REACTIONS(409),
    SERVER_ERROR(500),
    SERVER_BUSY(503);

    private final int httpStatus;

    ErrorCode(int httpStatus) {
        this.httpStatus = httpStatus;
    }

    /** The code as it appears on the wire, e.g. {@code not_in_room}. */
    public String wireName() {
        return name().toLowerCase();
    }

    public int httpStatus() {
        return httpStatus;
    }
}
