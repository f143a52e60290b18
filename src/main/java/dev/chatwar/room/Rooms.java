package dev.chatwar.room;

import dev.chatwar.base.RoomName;
import dev.chatwar.protocol.Frames;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * The rooms this server holds in memory: a room is loaded when first named, continuing its stored stream, and
 * dropped again once idle ({@link #evictIdle}).
 */
public final class Rooms {

    private final ConcurrentHashMap<RoomName, Room> rooms = new ConcurrentHashMap<>();
    private final LongAdder loads = new LongAdder();
    private final ToLongFunction<RoomName> lastStoredSeq;
    private final Frames frames;
    private final RoomRelay relay;
    private final Executor fanOut;

    /** @param fanOut where rooms deliver their events */
    public Rooms(ToLongFunction<RoomName> lastStoredSeq, Frames frames, RoomRelay relay, Executor fanOut) {
        this.lastStoredSeq = lastStoredSeq;
        this.frames = frames;
        this.relay = relay;
        this.fanOut = fanOut;
    }

    // only through live(): a room found here may be retired before it is used
    private Room get(RoomName name) {
        Room room = rooms.get(name);
        return room != null ? room : rooms.computeIfAbsent(name, n -> {
            loads.increment();
            return new Room(n, lastStoredSeq.applyAsLong(n), frames, relay, fanOut);
        });
    }

    /**
     * Applies the action to the room, and again to the room that replaces it if it was dropped from memory
     * meanwhile: an action that adds to a room must run through here, or handle {@link RetiredRoom} itself.
     */
    public <T> T live(RoomName name, Function<Room, T> action) {
        while (true) {
            try {
                return action.apply(get(name));
            } catch (RetiredRoom retired) {
                // dropped between finding it and acting on it: its successor is in the map already
            }
        }
    }

    /**
     * Drops from memory the rooms that were idle at this sweep and the one before: nobody in them on any node
     * and nothing on its way to them. A room used again is loaded again, from the store. Returns how many.
     */
    public int evictIdle(Consumer<RoomName> dropped) {
        int evicted = 0;
        for (Room room : rooms.values()) {
            if (room.retireIfIdle(() -> rooms.remove(room.name(), room))) {
                dropped.accept(room.name());
                evicted++;
            }
        }
        return evicted;
    }

    /** The room, if this server holds it in memory. */
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

    /** How many times a room was loaded into memory: once for each room first used, and again after each drop. */
    public long loads() {
        return loads.sum();
    }
}
