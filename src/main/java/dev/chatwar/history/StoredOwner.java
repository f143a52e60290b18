package dev.chatwar.history;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A row of the room_owner table (db/migration/V11__moderation.sql): one owner a room, at most. */
@Entity
@Table(name = "room_owner")
public class StoredOwner {

    @Id
    @Column(length = 80)
    private String room;

    @Column(nullable = false, length = 32)
    private String username;

    @Column(nullable = false)
    @Convert(converter = UtcOffsetInstantConverter.class)
    private Instant since;

    protected StoredOwner() {
    }

    StoredOwner(String room, String username, Instant since) {
        this.room = room;
        this.username = username;
        this.since = since;
    }

    String username() {
        return username;
    }
}
