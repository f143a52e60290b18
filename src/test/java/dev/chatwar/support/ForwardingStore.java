package dev.chatwar.support;

import dev.chatwar.base.RoomName;
import dev.chatwar.base.UserName;
import dev.chatwar.history.Append;
import dev.chatwar.history.Appended;
import dev.chatwar.history.EventStore;
import dev.chatwar.history.HistoryQuery;
import dev.chatwar.history.Reading;
import dev.chatwar.history.ReactionCount;
import dev.chatwar.history.RoomEvent;
import dev.chatwar.history.RoomRules;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** An event store that hands every call to another, for tests that change one behaviour. */
public class ForwardingStore implements EventStore {

    private final EventStore store;

    public ForwardingStore(EventStore store) {
        this.store = store;
    }

    @Override
    public long lastSeq(RoomName room) {
        return store.lastSeq(room);
    }

    @Override
    public List<Appended> appendAll(List<Append> appends) {
        return store.appendAll(appends);
    }

    @Override
    public void forget(RoomName room) {
        store.forget(room);
    }

    @Override
    public Optional<RoomEvent> find(long id) {
        return store.find(id);
    }

    @Override
    public Reading reading(UserName user, RoomName room, int most) {
        return store.reading(user, room, most);
    }

    @Override
    public long markRead(UserName user, RoomName room, long seq) {
        return store.markRead(user, room, seq);
    }

    @Override
    public List<RoomEvent> page(RoomName room, HistoryQuery query) {
        return store.page(room, query);
    }

    @Override
    public List<RoomEvent> mentioning(UserName user, RoomName room, HistoryQuery query) {
        return store.mentioning(user, room, query);
    }

    @Override
    public List<RoomEvent> thread(RoomName room, long threadId, HistoryQuery query) {
        return store.thread(room, threadId, query);
    }

    @Override
    public Map<Long, List<ReactionCount>> reactions(Collection<Long> messageIds, UserName reader) {
        return store.reactions(messageIds, reader);
    }

    @Override
    public List<RoomEvent> lastEvents(Collection<RoomName> rooms) {
        return store.lastEvents(rooms);
    }

    @Override
    public RoomRules rules(RoomName room) {
        return store.rules(room);
    }

    @Override
    public boolean claimOwner(RoomName room, UserName user, Instant at) {
        return store.claimOwner(room, user, at);
    }
}
