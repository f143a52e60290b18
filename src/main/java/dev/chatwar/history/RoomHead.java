package dev.chatwar.history;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The last seq taken in a room, locked by the node storing the room's next event when nodes share the store. */
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

    long lastSeq() {
        return lastSeq;
    }

    /** Moves the head up to {@code seq} if it is below. */
    void raiseTo(long seq) {
        lastSeq = Math.max(lastSeq, seq);
    }

    /** Takes the next seq, never below {@code atLeast}. */
    long take(long atLeast) {
        lastSeq = Math.max(atLeast, lastSeq + 1);
        return lastSeq;
    }
}
