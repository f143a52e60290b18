package dev.chatwar.room;

import dev.chatwar.base.RoomName;
import dev.chatwar.protocol.Frames;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.ToLongFunction;

/** All rooms this server has seen; a room comes into being when first named, continuing its stored stream. */
public final class Rooms {

    private final ConcurrentHashMap<RoomName, Room> rooms = new ConcurrentHashMap<>();
    private final ToLongFunction<RoomName> lastStoredSeq;
    private final Frames frames;
    private final Room.Relay relay;
    private final Executor fanOut;

    /** @param fanOut where rooms deliver their events */
    public Rooms(ToLongFunction<RoomName> lastStoredSeq, Frames frames, Room.Relay relay, Executor fanOut) {
        this.lastStoredSeq = lastStoredSeq;
        this.frames = frames;
        this.relay = relay;
        this.fanOut = fanOut;
    }

    public Room get(RoomName name) {
        Room room = rooms.get(name);
        return room != null ? room
                : rooms.computeIfAbsent(name, n -> new Room(n, lastStoredSeq.applyAsLong(n), frames, relay, fanOut));
    }

    /** The room, if this server has seen it since it started. */
    public Optional<Room> loaded(RoomName name) {
        return Optional.ofNullable(rooms.get(name));
    }

    /** The room's last seq, from memory when it is loaded and from the store otherwise; loads nothing. */
    public long lastSeq(RoomName name) {
        Room room = rooms.get(name);
        return room != null ? room.lastSeq() : lastStoredSeq.applyAsLong(name);
    }

    public Collection<Room> all() {
        return List.copyOf(rooms.values());
    }

    public int count() {
        return rooms.size();
    }
}
