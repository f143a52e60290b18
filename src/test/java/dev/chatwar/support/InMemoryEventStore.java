package dev.chatwar.support;

import dev.chatwar.base.ChatException;
import dev.chatwar.base.ErrorCode;
import dev.chatwar.base.RoomName;
import dev.chatwar.base.UserName;
import dev.chatwar.history.EventStore;
import dev.chatwar.history.HistoryQuery;
import dev.chatwar.history.Reading;
import dev.chatwar.history.RoomEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** An event store in memory for unit tests, with the same rules as the JPA one, and a switch to make it fail. */
public final class InMemoryEventStore implements EventStore {

    private final List<RoomEvent> events = new ArrayList<>();
    private final Map<String, Long> readPositions = new HashMap<>();
    private boolean failing;
    private boolean takingNextSeq;
    private int refusedSeqs;

    /** Makes an append take the seq after the room's last one, as the JPA store does for a cluster's nodes. */
    public synchronized InMemoryEventStore takingNextSeq() {
        takingNextSeq = true;
        return this;
    }

    /** How many appends were refused because their seq was taken. */
    public synchronized int refusedSeqs() {
        return refusedSeqs;
    }

    public synchronized void failing(boolean failing) {
        this.failing = failing;
    }

    @Override
    public synchronized long lastSeq(RoomName room) {
        return events.stream().filter(e -> e.room().equals(room)).mapToLong(RoomEvent::seq).max().orElse(0);
    }

    @Override
    public synchronized RoomEvent appendMessage(RoomName room, long seq, UserName author, String text,
                                                String clientId, Instant at) {
        if (clientId != null && findByClientId(author, clientId).isPresent()) {
            throw new IllegalStateException("unique constraint: clientId " + clientId + " of " + author);
        }
        return append(new RoomEvent(events.size() + 1, room, seq, RoomEvent.Kind.MESSAGE, author, text, null, at,
                false, false, clientId));
    }

    @Override
    public synchronized Optional<RoomEvent> findByClientId(UserName author, String clientId) {
        return events.stream().filter(e -> e.author().equals(author) && clientId.equals(e.clientId())).findFirst();
    }

    @Override
    public synchronized RoomEvent appendRetraction(RoomName room, long seq, long messageId, UserName author,
                                                   Instant at) {
        RoomEvent message = liveMessage(messageId);
        RoomEvent retraction = append(new RoomEvent(events.size() + 1, room, seq, RoomEvent.Kind.RETRACTION, author,
                null, messageId, at, false, false, null));
        replace(new RoomEvent(message.id(), message.room(), message.seq(), message.kind(), message.author(), null,
                null, message.sentAt(), true, message.edited(), message.clientId()));
        events.stream().filter(e -> e.kind() == RoomEvent.Kind.EDIT && e.messageId() == messageId).toList()
                .forEach(e -> replace(new RoomEvent(e.id(), e.room(), e.seq(), e.kind(), e.author(), null,
                        e.messageId(), e.sentAt(), false, false, null)));
        return retraction;
    }

    @Override
    public synchronized RoomEvent appendEdit(RoomName room, long seq, long messageId, UserName author, String text,
                                             Instant at) {
        RoomEvent message = liveMessage(messageId);
        RoomEvent edit = append(new RoomEvent(events.size() + 1, room, seq, RoomEvent.Kind.EDIT, author, text,
                messageId, at, false, false, null));
        replace(new RoomEvent(message.id(), message.room(), message.seq(), message.kind(), message.author(), text,
                null, message.sentAt(), false, true, message.clientId()));
        return edit;
    }

    private RoomEvent liveMessage(long messageId) {
        RoomEvent message = find(messageId).orElseThrow();
        if (message.retracted()) {
            throw new ChatException(ErrorCode.ALREADY_RETRACTED, "already retracted");
        }
        return message;
    }

    private void replace(RoomEvent event) {
        events.set((int) event.id() - 1, event);
    }

    @Override
    public synchronized Reading reading(UserName user, RoomName room) {
        failIfFailing();
        long readSeq = readPositions.getOrDefault(user + "/" + room, 0L);
        long unread = events.stream().filter(e -> e.room().equals(room) && e.seq() > readSeq && e.isMessage()
                && !e.author().equals(user) && !e.retracted()).limit(MAX_UNREAD).count();
        return new Reading(readSeq, unread);
    }

    @Override
    public synchronized long markRead(UserName user, RoomName room, long seq) {
        return readPositions.merge(user + "/" + room, seq, Math::max);
    }

    @Override
    public synchronized Optional<RoomEvent> find(long id) {
        return id >= 1 && id <= events.size() ? Optional.of(events.get((int) id - 1)) : Optional.empty();
    }

    @Override
    public synchronized List<RoomEvent> page(RoomName room, HistoryQuery query) {
        List<RoomEvent> matching = events.stream()
                .filter(e -> e.room().equals(room))
                .filter(e -> query.before() == null || e.seq() < query.before())
                .filter(e -> query.after() == null || e.seq() > query.after())
                .toList();
        return query.after() != null ? matching.subList(0, Math.min(query.limit(), matching.size()))
                : matching.subList(Math.max(0, matching.size() - query.limit()), matching.size());
    }

    private void failIfFailing() {
        if (failing) {
            throw new IllegalStateException("store unavailable");
        }
    }

    private RoomEvent append(RoomEvent event) {
        failIfFailing();
        long next = lastSeq(event.room()) + 1;
        if (takingNextSeq && event.seq() < next) {
            event = new RoomEvent(event.id(), event.room(), next, event.kind(), event.author(), event.text(),
                    event.messageId(), event.sentAt(), event.retracted(), event.edited(), event.clientId());
        }
        if (event.seq() != next) {
            refusedSeqs++;
            throw new IllegalStateException("seq " + event.seq() + " would leave a gap or repeat");
        }
        events.add(event);
        return event;
    }
}
