package dev.chatwar.room;

import dev.chatwar.base.RoomName;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/** A row of the room_member table (db/migration/V4__private_rooms.sql). */
@Entity
@Table(name = "room_member")
@IdClass(RoomMember.Key.class)
public class RoomMember {

    /** The composite primary key. */
    public static class Key implements Serializable {
        private String room;
        private String username;

        public Key() {
        }

        public Key(String room, String username) {
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

    @Id
    @Column(length = RoomName.MAX_STORED_LENGTH)
    private String room;

    @Id
    @Column(length = 32)
    private String username;

    @Column(name = "joined_at", nullable = false)
    private Instant joinedAt;

    protected RoomMember() {
    }

    RoomMember(RoomName room, String username, Instant joinedAt) {
        this.room = room.value();
        this.username = username;
        this.joinedAt = joinedAt;
    }
}
