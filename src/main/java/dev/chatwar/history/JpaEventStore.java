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
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
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
    public Reading reading(UserName user, RoomName room, int most) {
        ReadPosition position = em.find(ReadPosition.class, new ReadPosition.Key(user.value(), room.value()));
        long readSeq = position == null ? 0 : position.seq();
        long unread = em.createNamedQuery(StoredEvent.UNREAD, Long.class)
                .setParameter("room", room.value())
                .setParameter("seq", readSeq)
                .setParameter("kind", RoomEvent.Kind.MESSAGE)
                .setParameter("user", user.value())
                .setMaxResults(Math.min(most, MAX_UNREAD))
                .getResultList()
                .size();
        long mentions = unread == 0 ? 0 : em.createNamedQuery(Mention.UNREAD, Long.class)
                .setParameter("user", user.value())
                .setParameter("room", room.value())
                .setParameter("seq", readSeq)
                .setMaxResults(Math.min(most, MAX_UNREAD))
                .getResultList()
                .size();
        return new Reading(readSeq, unread, mentions);
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
        return ascending(select.setParameter("room", room.value()), query);
    }

    // a page read from its far end (the newest first, but for after) is turned to ascending seq order
    private static List<RoomEvent> ascending(TypedQuery<StoredEvent> select, HistoryQuery query) {
        List<RoomEvent> events = new ArrayList<>(select.setMaxResults(query.limit())
                .getResultStream()
                .map(StoredEvent::toEvent)
                .toList());
        if (query.after() == null) {
            Collections.reverse(events);
        }
        return events;
    }

    @Override
    public List<RoomEvent> mentioning(UserName user, RoomName room, HistoryQuery query) {
        TypedQuery<StoredEvent> select = ranged(em.createQuery("select e from StoredEvent e, Mention m"
                + " where m.user = :user and m.room = :room and e.room = m.room and e.seq = m.seq"
                + " and e.retracted = false" + range(query), StoredEvent.class), query);
        return ascending(select.setParameter("user", user.value()).setParameter("room", room.value()), query);
    }

    // the seq range and order of a page chosen as the history's, for a query the page's conditions come before
    private static String range(HistoryQuery query) {
        return query.after() != null ? " and e.seq > :seq order by e.seq"
                : query.before() != null ? " and e.seq < :seq order by e.seq desc" : " order by e.seq desc";
    }

    private static TypedQuery<StoredEvent> ranged(TypedQuery<StoredEvent> select, HistoryQuery query) {
        Long seq = query.after() != null ? query.after() : query.before();
        return seq == null ? select : select.setParameter("seq", seq);
    }

    @Override
    public List<RoomEvent> thread(RoomName room, long threadId, HistoryQuery query) {
        TypedQuery<StoredEvent> select = ranged(em.createQuery("select e from StoredEvent e where e.room = :room"
                + " and (e.id = :thread or e.threadId = :thread) and e.kind = :kind" + range(query), StoredEvent.class),
                query);
        return ascending(select.setParameter("room", room.value()).setParameter("thread", threadId)
                .setParameter("kind", RoomEvent.Kind.MESSAGE), query);
    }

    @Override
    public Map<Long, List<ReactionCount>> reactions(Collection<Long> messageIds, UserName reader) {
        if (messageIds.isEmpty()) {
            return Map.of();
        }
        List<Long> ids = List.copyOf(messageIds);
        return ReactionCounts.of(em.createNamedQuery(StoredReaction.COUNTS, Object[].class)
                .setParameter("messageIds", ids)
                .getResultList(), em.createNamedQuery(StoredReaction.READERS, Object[].class)
                .setParameter("messageIds", ids)
                .setParameter("user", reader.value())
                .getResultList());
    }

    @Override
    public List<RoomEvent> lastEvents(Collection<RoomName> rooms) {
        if (rooms.isEmpty()) {
            return List.of();
        }
        return em.createNamedQuery(StoredEvent.LAST_EVENTS, StoredEvent.class)
                .setParameter("rooms", rooms.stream().map(RoomName::value).toList())
                .getResultStream()
                .map(StoredEvent::toEvent)
                .toList();
    }

    @Override
    public RoomRules rules(RoomName room) {
        return ModerationRows.read(em, room.value());
    }

    @Override
    public boolean claimOwner(RoomName room, UserName user, Instant at) {
        if (em.find(StoredOwner.class, room.value()) != null) {
            return false;
        }
        em.persist(new StoredOwner(room.value(), user.value(), at));
        em.flush();
        return true;
    }
}
