package dev.chatwar.history;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.Collection;
import java.util.List;

@ApplicationScoped
@Transactional
public class JpaEventFeed implements EventFeed {

    private static final List<RoomEvent.Kind> FOLLOWED =
            List.of(RoomEvent.Kind.MESSAGE, RoomEvent.Kind.EDIT, RoomEvent.Kind.RETRACTION);

    @PersistenceContext
    EntityManager em;

    @Override
    public List<RoomEvent> after(long afterId, int limit) {
        return em.createQuery("select e from StoredEvent e where e.id > :id and e.kind in :kinds order by e.id",
                        StoredEvent.class)
                .setParameter("id", afterId)
                .setParameter("kinds", FOLLOWED)
                .setMaxResults(limit)
                .getResultStream()
                .map(StoredEvent::toEvent)
                .toList();
    }

    @Override
    public List<RoomEvent> messages(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return em.createQuery("select e from StoredEvent e where e.id in :ids and e.kind = :kind", StoredEvent.class)
                .setParameter("ids", List.copyOf(ids))
                .setParameter("kind", RoomEvent.Kind.MESSAGE)
                .getResultStream()
                .map(StoredEvent::toEvent)
                .toList();
    }

    @Override
    public long lastId() {
        Long last = em.createQuery("select max(e.id) from StoredEvent e", Long.class).getSingleResult();
        return last == null ? 0 : last;
    }
}
