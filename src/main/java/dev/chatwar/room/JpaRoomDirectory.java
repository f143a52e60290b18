package dev.chatwar.room;

import dev.chatwar.base.RoomName;
import dev.chatwar.base.UserName;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import dev.chatwar.base.ChatException;
import dev.chatwar.base.ErrorCode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

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

    @Override
    public boolean join(RoomName room, UserName user, Instant at, int maxPublic) {
        if (em.find(Membership.class, new Membership.Key(user.value(), room.value())) != null) {
            return false;
        }
        if (!room.isDirect() && em.createNamedQuery(Membership.COUNT_PUBLIC, Long.class)
                .setParameter("user", user.value()).getSingleResult() >= maxPublic) {
            throw new ChatException(ErrorCode.TOO_MANY_ROOMS,
                    "a user may be a member of " + maxPublic + " rooms at most; leave one first");
        }
        em.persist(new Membership(user.value(), room, at));
        return true;
    }

    @Override
    public boolean hasMembership(RoomName room, UserName user) {
        return em.find(Membership.class, new Membership.Key(user.value(), room.value())) != null;
    }

    @Override
    public boolean leave(RoomName room, UserName user) {
        Object row = isPrivate(room) ? em.find(RoomMember.class, new RoomMember.Key(room.value(), user.value()))
                : em.find(Membership.class, new Membership.Key(user.value(), room.value()));
        if (row == null) {
            return false;
        }
        em.remove(row);
        return true;
    }

    // In a transaction although only read: outside one (TxType.SUPPORTS), whose commit cost as much as the queries on
    // WildFly, Payara's EclipseLink failed under concurrent reads ("operation on a closed EntityManager").
    @Override
    public List<RoomName> roomsOf(UserName user, int max) {
        List<RoomName> rooms = new ArrayList<>();
        for (String query : List.of(Membership.ROOMS_OF, Membership.PRIVATE_ROOMS_OF)) {
            em.createNamedQuery(query, String.class).setParameter("user", user.value())
                    .setMaxResults(max - rooms.size()).getResultStream().map(RoomName::new).forEach(rooms::add);
            if (rooms.size() >= max) {
                break;
            }
        }
        return rooms;
    }

    @Override
    public List<UserName> membersNamed(RoomName room, Collection<String> keys) {
        if (keys.isEmpty()) {
            return List.of();
        }
        return em.createNamedQuery(isPrivate(room) ? Membership.PRIVATE_MEMBERS_NAMED : Membership.MEMBERS_NAMED,
                        String.class)
                .setParameter("room", room.value()).setParameter("keys", keys)
                .getResultStream().map(UserName::new).toList();
    }

    @Override
    public List<UserName> usersNamed(Collection<String> keys) {
        if (keys.isEmpty()) {
            return List.of();
        }
        return em.createNamedQuery(Membership.USERS_NAMED, String.class).setParameter("keys", keys)
                .getResultStream().map(UserName::new).toList();
    }
}
