package dev.chatwar.chat;

import dev.chatwar.base.ChatException;
import dev.chatwar.base.ErrorCode;
import dev.chatwar.base.RoomName;
import dev.chatwar.connection.Connection;
import dev.chatwar.history.EventStore;
import dev.chatwar.history.Reading;
import dev.chatwar.history.RoomEvent;
import dev.chatwar.moderation.Moderation;
import dev.chatwar.room.Replay;
import dev.chatwar.room.Room;
import dev.chatwar.room.RoomAccess;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Joins a connection to a room. Everything the join needs from the database (the access check, the reading,
 * the events a resuming client missed) is read first, outside the room's monitor; under it the join only
 * checks that nothing it read has moved on meanwhile, else it reads the difference and checks again.
 */
final class Joins {

    /** Rooms one connection may be in at once, the lobby included. */
    static final int MAX_ROOMS_PER_CONNECTION = Chat.MAX_ROOMS_PER_CONNECTION;

    private static final int MAX_UNLOCKED_ATTEMPTS = 5;

    private final EventStore store;
    private final RoomAccess access;
    private final Moderation moderation;
    private final RoomEvents events;
    private final Supplier<Instant> now;

    Joins(EventStore store, RoomAccess access, Moderation moderation, RoomEvents events, Supplier<Instant> now) {
        this.store = store;
        this.access = access;
        this.moderation = moderation;
        this.events = events;
        this.now = now;
    }

    /** Refuses with {@code too_many_rooms} a connection that is in as many rooms as it may be, not this one. */
    static void requireRoomFor(Connection connection, RoomName room) {
        if (!connection.rooms().contains(room) && connection.rooms().size() >= MAX_ROOMS_PER_CONNECTION) {
            throw new ChatException(ErrorCode.TOO_MANY_ROOMS,
                    "a connection may be in " + MAX_ROOMS_PER_CONNECTION + " rooms at most; leave one first");
        }
    }

    /** Returns the connections to drop; the connection is in the room when it returns normally. */
    Set<Connection> join(Connection connection, Room room, Long after, boolean receipts, boolean makePrivate,
                         String ref) {
        requireRoomFor(connection, room.name());
        if (makePrivate) {
            // the room's creation, once: nobody may join or send between the check that it is new and the change
            room.locked(() -> {
                access.createPrivate(connection.user(), room.name(), room.untouched(), now.get());
                room.accessChanged();
                return null;
            });
            moderation.claim(room.name(), connection.user());
        }
        if (after != null && after > room.lastSeq()) {
            // the client saw, on another node, events not delivered here yet
            events.catchUp(room, store.lastSeq(room.name()));
        }
        Reading reading = store.reading(connection.user(), room.name());
        MissedEvents missed = new MissedEvents(room.name(), after);
        for (int attempt = 1; ; attempt++) {
            int accessChanges = room.accessChanges();
            access.requireEntry(connection.user(), room.name());
            moderation.requireNotBanned(connection.user(), room.name());
            missed.readUpTo(room.lastSeq());
            // a room that delivers faster than its gap can be read is not chased for ever: the last gap, small
            // by then, is read under the lock
            boolean last = attempt >= MAX_UNLOCKED_ATTEMPTS;
            Set<Connection> dropped = room.lockedUnlessAccessChanged(accessChanges, () -> {
                if (last) {
                    missed.readUpTo(room.lastSeq());
                }
                if (!missed.reaches(room.lastSeq())) {
                    return null;
                }
                connection.rooms().add(room.name());
                return room.join(connection, ref, after, receipts, missed.at(room.lastSeq()), reading);
            });
            if (dropped != null) {
                return dropped;
            }
        }
    }

    /** The events a resuming client missed, read in steps while the room moves on. */
    private final class MissedEvents {

        private final RoomName room;
        private final Long after;
        private final List<RoomEvent> events = new ArrayList<>();
        private long readUpTo;

        MissedEvents(RoomName room, Long after) {
            this.room = room;
            this.after = after;
            this.readUpTo = after == null ? 0 : after;
        }

        // a client that names no seq gets no replay; one too far behind (or ahead) is told to reset
        private boolean replays(long head) {
            return after != null && after <= head && head - after <= Room.MAX_REPLAY;
        }

        void readUpTo(long head) {
            if (replays(head) && head > readUpTo) {
                events.addAll(StoredSpan.between(store, room, readUpTo, head));
                readUpTo = head;
            }
        }

        boolean reaches(long head) {
            return !replays(head) || readUpTo == head;
        }

        Replay at(long head) {
            return replays(head) ? new Replay(head, events, false)
                    : new Replay(head, List.of(), after != null);
        }
    }
}
