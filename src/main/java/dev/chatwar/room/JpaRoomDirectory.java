package dev.chatwar.room;

import dev.chatwar.base.RoomName;
import dev.chatwar.base.UserName;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;

@ApplicationScoped
@Transactional
public class JpaRoomDirectory implements RoomDirectory {

    @PersistenceContext
    EntityManager em;

    @Override
    public boolean createPrivate(RoomName room, UserName owner, Instant at) {
        if (em.find(PrivateRoom.class, room.value()) != null) {
            return false;
        }
        em.persist(new PrivateRoom(room, owner.value(), at));
        em.persist(new RoomMember(room, owner.value(), at));
        return true;
    }

    @Override
    public boolean isPrivate(RoomName room) {
        return em.find(PrivateRoom.class, room.value()) != null;
    }

    @Override
    public boolean isMember(RoomName room, UserName user) {
        return em.find(RoomMember.class, new RoomMember.Key(room.value(), user.value())) != null;
    }

    @Override
    public boolean userExists(UserName user) {
        return em.createQuery("select count(a) from StoredAccount a where a.username = :name", Long.class)
                .setParameter("name", user.value()).getSingleResult() > 0;
    }

    @Override
    public boolean addMember(RoomName room, UserName user, Instant at) {
        if (isMember(room, user)) {
            return false;
        }
        em.persist(new RoomMember(room, user.value(), at));
        return true;
    }
}
