package dev.chatwar.history;

import dev.chatwar.base.UserName;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A room's rules as its moderation events change them, in the event's transaction: the rows of room_moderator
 * and room_sanction, and, for a kick or a ban, the target's membership (of a private room: its access).
 */
final class ModerationRows {

    private final EntityManager em;

    ModerationRows(EntityManager em) {
        this.em = em;
    }

    void apply(Append.Moderation moderation) {
        String room = moderation.room().value();
        String target = moderation.act().target().value();
        Instant at = moderation.sentAt();
        switch (moderation.act().action()) {
            case KICK -> endMembership(room, target);
            case BAN -> {
                endMembership(room, target);
                remove(StoredModerator.class, new StoredModerator.Key(room, target));
                sanction(moderation, StoredSanction.BAN);
            }
            case UNBAN -> remove(StoredSanction.class, new StoredSanction.Key(room, target, StoredSanction.BAN));
            case MUTE -> sanction(moderation, StoredSanction.MUTE);
            case UNMUTE -> remove(StoredSanction.class, new StoredSanction.Key(room, target, StoredSanction.MUTE));
            case PROMOTE -> {
                if (em.find(StoredModerator.class, new StoredModerator.Key(room, target)) == null) {
                    em.persist(new StoredModerator(room, target, at));
                }
            }
            case DEMOTE -> remove(StoredModerator.class, new StoredModerator.Key(room, target));
        }
    }

    private void sanction(Append.Moderation moderation, String kind) {
        String room = moderation.room().value();
        String target = moderation.act().target().value();
        StoredSanction row = em.find(StoredSanction.class, new StoredSanction.Key(room, target, kind));
        if (row == null) {
            row = new StoredSanction(room, target, kind);
            row.set(moderation.author().value(), moderation.sentAt(), moderation.act().until(), moderation.reason());
            em.persist(row);
        } else {
            row.set(moderation.author().value(), moderation.sentAt(), moderation.act().until(), moderation.reason());
        }
    }

    private void remove(Class<?> type, Object key) {
        Object row = em.find(type, key);
        if (row != null) {
            em.remove(row);
        }
    }

    // the membership tables belong to the rooms' directory; plain SQL keeps this package free of its types
    private void endMembership(String room, String user) {
        for (String table : List.of("membership", "room_member")) {
            em.createNativeQuery("delete from " + table + " where room = ?1 and username = ?2")
                    .setParameter(1, room).setParameter(2, user).executeUpdate();
        }
    }

    /** The room's rules as the rows hold them. */
    static RoomRules read(EntityManager em, String room) {
        StoredOwner owner = em.find(StoredOwner.class, room);
        List<String> moderators = em.createNamedQuery(StoredModerator.OF_ROOM, String.class)
                .setParameter("room", room).getResultList();
        List<StoredSanction> sanctions = em.createNamedQuery(StoredSanction.OF_ROOM, StoredSanction.class)
                .setParameter("room", room).getResultList();
        return new RoomRules(owner == null ? null : new UserName(owner.username()),
                moderators.stream().map(UserName::new).collect(Collectors.toSet()),
                sanctions.stream().filter(StoredSanction::isBan).map(StoredSanction::toSanction).toList(),
                sanctions.stream().filter(row -> !row.isBan()).map(StoredSanction::toSanction).toList());
    }
}
