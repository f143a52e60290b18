package dev.chatwar.history;

import dev.chatwar.base.ChatException;
import dev.chatwar.base.ErrorCode;

/**
 * A page of a room's history: the {@code limit} events just before seq {@code before}, just after seq
 * {@code after}, or the newest ones when neither is given. Pages are always in ascending seq order.
 */
public record HistoryQuery(Long before, Long after, int limit) {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 200;

    public HistoryQuery {
        if (before != null && after != null) {
            throw new ChatException(ErrorCode.INVALID_FIELD, "give before or after, not both");
        }
        if ((before != null && before < 1) || (after != null && after < 0)) {
            throw new ChatException(ErrorCode.INVALID_FIELD, "before must be 1 or more, after 0 or more");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new ChatException(ErrorCode.INVALID_FIELD, "limit must be an integer from 1 to " + MAX_LIMIT);
        }
    }

    /** The query as a request states it: any part may be absent; an absent limit is the default. */
    public static HistoryQuery of(Long before, Long after, Long limit) {
        if (limit != null && (limit < 1 || limit > MAX_LIMIT)) {
            throw new ChatException(ErrorCode.INVALID_FIELD, "limit must be an integer from 1 to " + MAX_LIMIT);
        }
        return new HistoryQuery(before, after, limit == null ? DEFAULT_LIMIT : limit.intValue());
    }

    public static HistoryQuery newest(int limit) {
        return new HistoryQuery(null, null, limit);
    }
}
