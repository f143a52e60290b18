package dev.chatwar.history;

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

/** A row of the room_moderator table (db/migration/V11__moderation.sql). */
@Entity
@Table(name = "room_moderator")
@IdClass(StoredModerator.Key.class)
@NamedQuery(name = StoredModerator.OF_ROOM, query = "select m.username from StoredModerator m where m.room = :room")
public class StoredModerator {

    static final String OF_ROOM = "StoredModerator.ofRoom";

    @Id
    @Column(length = 80)
    private String room;

    @Id
    @Column(length = 32)
    private String username;

    @Column(nullable = false)
    @Convert(converter = UtcOffsetInstantConverter.class)
    private Instant since;

    protected StoredModerator() {
    }

    StoredModerator(String room, String username, Instant since) {
        this.room = room;
        this.username = username;
        this.since = since;
    }

    /** The composite primary key. */
    public static class Key implements Serializable {
        private String room;
        private String username;

        public Key() {
        }

        Key(String room, String username) {
            this.room = room;
            this.username = username;
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
}
