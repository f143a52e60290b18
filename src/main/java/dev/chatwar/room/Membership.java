package dev.chatwar.room;

import dev.chatwar.base.RoomName;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/** A row of the membership table (db/migration/V10__conversations.sql): a public or direct-message room's member. */
@Entity
@Table(name = "membership")
@IdClass(Membership.Key.class)
@NamedQuery(name = Membership.ROOMS_OF,
        query = "select m.room from Membership m where m.username = :user order by m.joinedAt desc")
@NamedQuery(name = Membership.COUNT_PUBLIC,
        query = "select count(m) from Membership m where m.username = :user and m.room not like 'dm:%'")
@NamedQuery(name = Membership.MEMBERS_NAMED, query = "select a.username from Membership m, StoredAccount a"
        + " where m.room = :room and a.username = m.username and a.nameKey in :keys")
@NamedQuery(name = Membership.PRIVATE_ROOMS_OF,
        query = "select m.room from RoomMember m where m.username = :user order by m.joinedAt desc")
@NamedQuery(name = Membership.PRIVATE_MEMBERS_NAMED, query = "select a.username from RoomMember m, StoredAccount a"
        + " where m.room = :room and a.username = m.username and a.nameKey in :keys")
@NamedQuery(name = Membership.USERS_NAMED,
        query = "select a.username from StoredAccount a where a.nameKey in :keys")
public class Membership {

    static final String ROOMS_OF = "Membership.roomsOf";
    static final String COUNT_PUBLIC = "Membership.countPublic";
    static final String MEMBERS_NAMED = "Membership.membersNamed";
    static final String PRIVATE_ROOMS_OF = "Membership.privateRoomsOf";
    static final String PRIVATE_MEMBERS_NAMED = "Membership.privateMembersNamed";
    static final String USERS_NAMED = "Membership.usersNamed";

    /** The composite primary key. */
    public static class Key implements Serializable {
        private String username;
        private String room;

        public Key() {
        }

        Key(String username, String room) {
            this.username = username;
            this.room = room;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && Objects.equals(room, key.room) && Objects.equals(username, key.username);
        }

        @Override
        public int hashCode() {
            return Objects.hash(room, username);
        }
    }

    @Id
    @Column(length = 32)
    private String username;

    @Id
    @Column(length = RoomName.MAX_STORED_LENGTH)
    private String room;

    @Column(name = "joined_at", nullable = false)
    private Instant joinedAt;

    protected Membership() {
    }

    Membership(String username, RoomName room, Instant joinedAt) {
        this.username = username;
        this.room = room.value();
        this.joinedAt = joinedAt;
    }
}
