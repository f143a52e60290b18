package dev.chatwar.history;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The last seq taken in a room, locked by the node storing the room's next event (db/migration/V6__room_heads.sql). */
@Entity
@Table(name = "room_head")
public class RoomHead {

    @Id
    private String room;

    @Column(name = "last_seq")
    private long lastSeq;

    protected RoomHead() {
    }

    RoomHead(String room, long lastSeq) {
        this.room = room;
        this.lastSeq = lastSeq;
    }

    /** Takes the next seq, never below {@code atLeast}. */
    long take(long atLeast) {
        lastSeq = Math.max(atLeast, lastSeq + 1);
        return lastSeq;
    }
}
