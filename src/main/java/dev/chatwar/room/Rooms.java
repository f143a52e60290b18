package dev.chatwar.room;

import dev.chatwar.protocol.Frames;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToLongFunction;

/** All rooms this server has seen; a room comes into being when first named, continuing its stored stream. */
public final class Rooms {

    private final ConcurrentHashMap<RoomName, Room> rooms = new ConcurrentHashMap<>();
    private final ToLongFunction<RoomName> lastStoredSeq;
    private final Frames frames;

    public Rooms(ToLongFunction<RoomName> lastStoredSeq, Frames frames) {
        this.lastStoredSeq = lastStoredSeq;
        this.frames = frames;
    }

    public Room get(RoomName name) {
        Room room = rooms.get(name);
        return room != null ? room
                : rooms.computeIfAbsent(name, n -> new Room(n, lastStoredSeq.applyAsLong(n), frames));
    }

    public int count() {
        return rooms.size();
    }
}
