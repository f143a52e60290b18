package dev.chatwar.room;

import dev.chatwar.base.RoomName;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A row of the private_room table (db/migration/V4__private_rooms.sql). */
@Entity
@Table(name = "private_room")
public class PrivateRoom {

    @Id
    @Column(length = RoomName.MAX_STORED_LENGTH)
    private String name;

    @Column(nullable = false, length = 32)
    private String owner;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected PrivateRoom() {
    }

    PrivateRoom(RoomName name, String owner, Instant createdAt) {
        this.name = name.value();
        this.owner = owner;
        this.createdAt = createdAt;
    }
}
