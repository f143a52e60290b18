package dev.chatwar.chat;

import dev.chatwar.base.RoomName;
import dev.chatwar.history.EventStore;
import dev.chatwar.history.HistoryQuery;
import dev.chatwar.history.RoomEvent;
import java.util.ArrayList;
import java.util.List;

/** A span of a room's stored events, read a page at a time: a span may be longer than the store hands out at once. */
final class StoredSpan {

    private StoredSpan() {
    }

    /** The stored events with {@code after < seq <= upTo}, in seq order. */
    static List<RoomEvent> between(EventStore store, RoomName room, long after, long upTo) {
        List<RoomEvent> events = new ArrayList<>();
        long from = after;
        while (from < upTo) {
            List<RoomEvent> page = store.page(room, new HistoryQuery(null, from, HistoryQuery.MAX_LIMIT));
            if (page.isEmpty()) {
                break;
            }
            page.stream().filter(event -> event.seq() <= upTo).forEach(events::add);
            from = page.get(page.size() - 1).seq();
        }
        return events;
    }
}
