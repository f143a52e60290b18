package dev.chatwar.history;

import dev.chatwar.base.RoomName;
import dev.chatwar.base.UserName;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

@ApplicationScoped
@Transactional
public class JpaEventStore implements EventStore {

    @Inject
    StoreSharing sharing;

    @PersistenceContext
    EntityManager em;

    @Resource
    TransactionSynchronizationRegistry transactions;

    private final Set<RoomName> checkedHeads = ConcurrentHashMap.newKeySet();
    // on a node alone, the last seq of each room this process stored into, known only once committed
    private final Map<RoomName, Long> committedHeads = new ConcurrentHashMap<>();

    @Override
    public long lastSeq(RoomName room) {
        Long last = em.createNamedQuery(StoredEvent.LAST_SEQ, Long.class)
                .setParameter("room", room.value())
                .getSingleResult();
        return last == null ? 0 : last;
    }

    @Override
    public List<Appended> appendAll(List<Append> appends) {
        AppendBatch batch = new AppendBatch(em, sharing, checkedHeads, committedHeads);
        List<Appended> outcomes = batch.apply(appends);
        if (sharing != StoreSharing.NODES) {
            Map<RoomName, Long> reached = batch.heads();
            transactions.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                }

                @Override
                public void afterCompletion(int status) {
                    if (status == Status.STATUS_COMMITTED) {
                        committedHeads.putAll(reached);
                    }
                }
            });
        }
        return outcomes;
    }

    // Both caches fall back to the database: dropping a room's entries costs one query when it is used again.
    @Override
    public void forget(RoomName room) {
        checkedHeads.remove(room);
        committedHeads.remove(room);
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
}
