package dev.chatwar.history;

import dev.chatwar.base.ChatException;
import dev.chatwar.base.ErrorCode;
import dev.chatwar.base.RoomName;
import dev.chatwar.base.UserName;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
@Transactional
public class JpaEventStore implements EventStore {

    @Inject
    StoreSharing sharing;

    @PersistenceContext
    EntityManager em;

    @Override
    public long lastSeq(RoomName room) {
        Long last = em.createNamedQuery(StoredEvent.LAST_SEQ, Long.class)
                .setParameter("room", room.value())
                .getSingleResult();
        return last == null ? 0 : last;
    }

    @Override
    public RoomEvent appendMessage(RoomName room, long seq, UserName author, String text, String clientId,
                                   Instant sentAt) {
        return persist(new StoredEvent(room, seqFrom(room, seq), RoomEvent.Kind.MESSAGE, author, text, null, sentAt,
                clientId));
    }

    @Override
    public Optional<RoomEvent> findByClientId(UserName author, String clientId) {
        return em.createNamedQuery(StoredEvent.BY_CLIENT_ID, StoredEvent.class)
                .setParameter("author", author.value())
                .setParameter("clientId", clientId)
                .getResultStream()
                .findFirst()
                .map(StoredEvent::toEvent);
    }

    @Override
    public RoomEvent appendRetraction(RoomName room, long seq, long messageId, UserName author, Instant sentAt) {
        lockLiveMessage(messageId).retract();
        em.createNamedQuery(StoredEvent.EDITS_OF, StoredEvent.class)
                .setParameter("messageId", messageId)
                .setParameter("kind", RoomEvent.Kind.EDIT)
                .getResultStream()
                .forEach(StoredEvent::forgetText);
        return persist(new StoredEvent(room, seqFrom(room, seq), RoomEvent.Kind.RETRACTION, author, null, messageId,
                sentAt, null));
    }

    @Override
    public RoomEvent appendEdit(RoomName room, long seq, long messageId, UserName author, String text,
                                Instant sentAt) {
        lockLiveMessage(messageId).edit(text);
        return persist(new StoredEvent(room, seqFrom(room, seq), RoomEvent.Kind.EDIT, author, text, messageId, sentAt,
                null));
    }

    // With several nodes, the seq after the room's last one, whichever node took that; else the caller's.
    private long seqFrom(RoomName room, long expected) {
        if (sharing != StoreSharing.NODES) {
            return expected;
        }
        RoomHead head = em.find(RoomHead.class, room.value(), LockModeType.PESSIMISTIC_WRITE);
        if (head == null) {
            // two nodes making the row at once: one fails on the primary key, and its caller tries again
            head = new RoomHead(room.value(), lastSeq(room));
            em.persist(head);
            em.flush();
        }
        return head.take(expected);
    }

    private StoredEvent lockLiveMessage(long messageId) {
        StoredEvent message = em.find(StoredEvent.class, messageId, LockModeType.PESSIMISTIC_WRITE);
        if (message == null || message.toEvent().kind() != RoomEvent.Kind.MESSAGE) {
            throw new ChatException(ErrorCode.NOT_FOUND, "no message with id " + messageId);
        }
        if (message.isRetracted()) {
            throw new ChatException(ErrorCode.ALREADY_RETRACTED, "message " + messageId + " is already retracted");
        }
        return message;
    }

    @Override
    public Reading reading(UserName user, RoomName room) {
        ReadPosition position = em.find(ReadPosition.class, new ReadPosition.Key(user.value(), room.value()));
        long readSeq = position == null ? 0 : position.seq();
        long unread = em.createNamedQuery(StoredEvent.UNREAD, Long.class)
                .setParameter("room", room.value())
                .setParameter("seq", readSeq)
                .setParameter("kind", RoomEvent.Kind.MESSAGE)
                .setParameter("user", user.value())
                .setMaxResults(MAX_UNREAD)
                .getResultList()
                .size();
        return new Reading(readSeq, unread);
    }

    @Override
    public long markRead(UserName user, RoomName room, long seq) {
        ReadPosition position = em.find(ReadPosition.class, new ReadPosition.Key(user.value(), room.value()),
                LockModeType.PESSIMISTIC_WRITE);
        if (position == null) {
            em.persist(new ReadPosition(user.value(), room.value(), seq));
            return seq;
        }
        return position.advanceTo(seq);
    }

    @Override
    public Optional<RoomEvent> find(long id) {
        return Optional.ofNullable(em.find(StoredEvent.class, id)).map(StoredEvent::toEvent);
    }

    @Override
    public List<RoomEvent> page(RoomName room, HistoryQuery query) {
        TypedQuery<StoredEvent> select;
        if (query.after() != null) {
            select = em.createNamedQuery(StoredEvent.AFTER, StoredEvent.class).setParameter("seq", query.after());
        } else if (query.before() != null) {
            select = em.createNamedQuery(StoredEvent.BEFORE, StoredEvent.class).setParameter("seq", query.before());
        } else {
            select = em.createNamedQuery(StoredEvent.NEWEST, StoredEvent.class);
        }
        List<RoomEvent> events = new ArrayList<>(select.setParameter("room", room.value())
                .setMaxResults(query.limit())
                .getResultStream()
                .map(StoredEvent::toEvent)
                .toList());
        if (query.after() == null) {
            Collections.reverse(events);
        }
        return events;
    }

    private RoomEvent persist(StoredEvent event) {
        em.persist(event);
        em.flush();
        return event.toEvent();
    }
}
