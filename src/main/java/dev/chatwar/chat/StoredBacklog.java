package dev.chatwar.chat;

import dev.chatwar.base.RoomName;
import dev.chatwar.base.UserName;
import dev.chatwar.history.EventStore;
import dev.chatwar.history.HistoryQuery;
import dev.chatwar.history.Reading;
import dev.chatwar.history.RoomEvent;
import dev.chatwar.room.Room;
import java.util.ArrayList;
import java.util.List;

/** What the event store holds of one room, as the room asks for it: its head, a span of events, a reading. */
final class StoredBacklog implements Room.Backlog {

    private final EventStore store;
    private final RoomName room;

    StoredBacklog(EventStore store, RoomName room) {
        this.store = store;
        this.room = room;
    }

    @Override
    public long lastSeq() {
        return store.lastSeq(room);
    }

    // read a page at a time: a span may be longer than the store hands out at once
    @Override
    public List<RoomEvent> between(long after, long upTo) {
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

    @Override
    public Reading reading(UserName user) {
        return store.reading(user, room);
    }
}
