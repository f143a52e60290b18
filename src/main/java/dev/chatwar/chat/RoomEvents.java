package dev.chatwar.chat;

import dev.chatwar.base.ChatException;
import dev.chatwar.base.ErrorCode;
import dev.chatwar.cluster.Cluster;
import dev.chatwar.cluster.ClusterMessage;
import dev.chatwar.connection.Connection;
import dev.chatwar.history.Append;
import dev.chatwar.history.Appended;
import dev.chatwar.history.EventStore;
import dev.chatwar.history.RoomEvent;
import dev.chatwar.history.StoreWriter;
import dev.chatwar.room.Delivery;
import dev.chatwar.room.Room;
import dev.chatwar.room.Rooms;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * A room's events on their way: to the store (through the node's {@link StoreWriter}), then to the other nodes
 * and, through the room's delivery mailbox, to its members. An event is pushed only once it is committed, and
 * a room's events are delivered in seq order, each once, whichever node stored them.
 */
final class RoomEvents {

    /** Appends that may wait for the store; more are refused with {@code server_error}. */
    static final int WRITER_CAPACITY = 100_000;

    // each read starts where deliveries from elsewhere left the room; a few rounds are plenty
    private static final int MAX_CATCH_UP_READS = 10;

    private final EventStore store;
    private final StoreWriter writer;
    private final Rooms rooms;
    private final Cluster cluster;
    private final Consumer<Set<Connection>> drop;
    private final Consumer<RoomEvent> seen;
    private final Consumer<RoomEvent> delivered;

    /**
     * @param seen      told of each stored event before any connection has it, on every node
     * @param delivered told of each event once the room's connections have it, whether this node holds the room or not
     */
    RoomEvents(EventStore store, StoreWriter writer, Rooms rooms, Cluster cluster, Consumer<Set<Connection>> drop,
               Consumer<RoomEvent> seen, Consumer<RoomEvent> delivered) {
        this.store = store;
        this.writer = writer;
        this.rooms = rooms;
        this.cluster = cluster;
        this.drop = drop;
        this.seen = seen;
        this.delivered = delivered;
    }

    /**
     * Stores the event and pushes it to the room's members; completes once it is queued to each of them (or is
     * found a duplicate), or exceptionally with why nothing was stored. {@code admit} may refuse the append by
     * throwing; it runs outside the room's monitor (it may read the database), and again if the room was made
     * private meanwhile.
     */
    CompletableFuture<Published> append(Append append, Runnable admit) {
        CompletableFuture<Published> published = new CompletableFuture<>();
        Room room = rooms.live(append.room(), live -> {
            boolean admitted = false;
            while (!admitted) {
                int accessChanges = live.accessChanges();
                admit.run();
                admitted = live.lockedUnlessAccessChanged(accessChanges, () -> {
                    live.appending(1);
                    return true;
                }) != null;
            }
            return live;
        });
        if (!writer.submit(append, outcome -> stored(room, outcome, published))) {
            room.appending(-1);
            published.completeExceptionally(new ChatException(ErrorCode.SERVER_ERROR,
                    "the server is storing too many messages; nothing was stored, try again", null));
        }
        return published;
    }

    // on the writer's thread, in commit order: the other nodes hear of a room's events in seq order
    private void stored(Room room, Appended outcome, CompletableFuture<Published> published) {
        if (outcome instanceof Appended.Stored stored) {
            seen.accept(stored.event());
            cluster.tell(new ClusterMessage.Stored(stored.event()));
            room.deliveries().put(() -> {
                try {
                    room.appending(-1);
                    deliver(room, stored.event());
                    delivered.accept(stored.event());
                } finally {
                    // stored is stored: the sender is answered, and its next request runs, whatever the delivery did
                    published.complete(new Published(stored.event(), false));
                }
            });
            return;
        }
        room.appending(-1);
        if (outcome instanceof Appended.Duplicate duplicate) {
            published.complete(new Published(duplicate.earlier(), true));
        } else if (outcome instanceof Appended.Refused refused) {
            published.completeExceptionally(refused.reason());
        } else {
            published.completeExceptionally(((Appended.Failed) outcome).failure());
        }
    }

    /** An event another node stored: delivered here in turn, if this node holds the room. */
    void storedElsewhere(RoomEvent event) {
        seen.accept(event);
        rooms.loaded(event.room()).ifPresentOrElse(room -> room.deliveries().put(() -> {
            deliver(room, event);
            delivered.accept(event);
        }), () -> delivered.accept(event));
    }

    /** Delivers what the store holds beyond the room's last delivered event: events a dead node stored, say. */
    void catchUpLater(Room room) {
        room.deliveries().put(() -> catchUp(room, store.lastSeq(room.name())));
    }

    // on the room's delivery mailbox
    private void deliver(Room room, RoomEvent event) {
        Delivery delivery = room.deliver(List.of(event));
        drop.accept(delivery.dropped());
        if (delivery.gap()) {
            catchUp(room, event.seq() - 1);
            drop.accept(room.deliver(List.of(event)).dropped());
        }
    }

    /**
     * Delivers the stored events up to {@code upTo} that the room has not delivered yet, read from the store
     * outside the room's monitor; tries again while deliveries from elsewhere move the room on meanwhile.
     */
    void catchUp(Room room, long upTo) {
        for (int attempt = 0; attempt < MAX_CATCH_UP_READS && room.lastSeq() < upTo; attempt++) {
            List<RoomEvent> missed = StoredSpan.between(store, room.name(), room.lastSeq(), upTo);
            if (missed.isEmpty()) {
                return; // not stored after all: nothing to wait for
            }
            missed.forEach(seen);
            drop.accept(room.deliver(missed).dropped());
        }
    }

    StoreWriter.Stats storeStats() {
        return writer.stats();
    }
}
