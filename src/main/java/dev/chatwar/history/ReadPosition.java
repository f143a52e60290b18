package dev.chatwar.history;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.Objects;

/** The table row of a user's read position in a room; the table is made by db/migration/V2__read_positions.sql. */
@Entity
@Table(name = "read_position")
@IdClass(ReadPosition.Key.class)
public class ReadPosition {

    @Id
    @Column(name = "username")
    private String user;

    @Id
    private String room;

    private long seq;

    protected ReadPosition() {
    }

    ReadPosition(String user, String room, long seq) {
        this.user = user;
        this.room = room;
        this.seq = seq;
    }

    long seq() {
        return seq;
    }

    /** Moves the position forward only; returns where it now stands. */
    long advanceTo(long newSeq) {
        seq = Math.max(seq, newSeq);
        return seq;
    }

    public static class Key implements Serializable {

        private String user;
        private String room;

        public Key() {
        }

        Key(String user, String room) {
            this.user = user;
            this.room = room;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && Objects.equals(user, key.user) && Objects.equals(room, key.room);
        }

        @Override
        public int hashCode() {
            return Objects.hash(user, room);
        }
    }
}
