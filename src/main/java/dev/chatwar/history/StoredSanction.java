package dev.chatwar.history;

import dev.chatwar.base.UserName;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/** A row of the room_sanction table (db/migration/V11__moderation.sql): a ban or a mute of a user in a room. */
@Entity
@Table(name = "room_sanction")
@IdClass(StoredSanction.Key.class)
@NamedQuery(name = StoredSanction.OF_ROOM,
        query = "select s from StoredSanction s where s.room = :room order by s.since, s.username")
public class StoredSanction {

    static final String OF_ROOM = "StoredSanction.ofRoom";
    static final String BAN = "BAN";
    static final String MUTE = "MUTE";

    @Id
    @Column(length = 80)
    private String room;

    @Id
    @Column(length = 32)
    private String username;

    @Id
    @Column(length = 8)
    private String kind;

    @Column(name = "by_user", nullable = false, length = 32)
    private String by;

    @Column(nullable = false)
    @Convert(converter = UtcOffsetInstantConverter.class)
    private Instant since;

    @Column(name = "until_at")
    @Convert(converter = UtcOffsetInstantConverter.class)
    private Instant until;

    @Column(length = 200)
    private String reason;

    protected StoredSanction() {
    }

    StoredSanction(String room, String username, String kind) {
        this.room = room;
        this.username = username;
        this.kind = kind;
    }

    void set(String by, Instant at, Instant until, String reason) {
        this.by = by;
        this.since = at;
        this.until = until;
        this.reason = reason;
    }

    boolean isBan() {
        return BAN.equals(kind);
    }

    Sanction toSanction() {
        return new Sanction(new UserName(username), new UserName(by), since, until, reason);
    }

    /** The composite primary key. */
    public static class Key implements Serializable {
        private String room;
        private String username;
        private String kind;

        public Key() {
        }

        Key(String room, String username, String kind) {
            this.room = room;
            this.username = username;
            this.kind = kind;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && Objects.equals(room, key.room) && Objects.equals(username, key.username)
                    && Objects.equals(kind, key.kind);
        }

        @Override
        public int hashCode() {
            return Objects.hash(room, username, kind);
        }
    }
}
