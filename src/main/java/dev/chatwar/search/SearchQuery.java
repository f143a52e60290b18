package dev.chatwar.search;

import dev.chatwar.base.ChatException;
import dev.chatwar.base.ErrorCode;
import dev.chatwar.base.RoomName;
import dev.chatwar.base.UserName;
import java.time.Instant;

/**
 * What a user searches for: {@code text} in the query language of docs/protocol.md (words, "phrases", prefix*),
 * optionally only in one room, by one author, sent from (inclusive) and before (exclusive) given times; newest or
 * most relevant first, {@code limit} results after skipping {@code offset}.
 */
public record SearchQuery(String text, RoomName room, UserName author, Instant from, Instant to, Order order,
                          int limit, int offset) {

    public static final int MAX_TEXT = 200;
    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 50;
    /** How deep results are paged: beyond it a query is to be narrowed, not paged. */
    public static final int MAX_OFFSET = 450;

    public enum Order { NEWEST, RELEVANCE }

    public SearchQuery {
        if (text == null || text.isBlank()) {
            throw new ChatException(ErrorCode.MISSING_FIELD, "q: say what to search for");
        }
        if (text.length() > MAX_TEXT) {
            throw new ChatException(ErrorCode.INVALID_FIELD, "q has at most " + MAX_TEXT + " characters");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new ChatException(ErrorCode.INVALID_FIELD, "limit must be an integer from 1 to " + MAX_LIMIT);
        }
        if (offset < 0 || offset > MAX_OFFSET) {
            throw new ChatException(ErrorCode.INVALID_FIELD, "offset must be an integer from 0 to " + MAX_OFFSET);
        }
        if (from != null && to != null && !from.isBefore(to)) {
            throw new ChatException(ErrorCode.INVALID_FIELD, "from must be before to");
        }
    }

    public SearchQuery inRoom(RoomName only) {
        return new SearchQuery(text, only, author, from, to, order, limit, offset);
    }
}
