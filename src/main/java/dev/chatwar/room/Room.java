package dev.chatwar.room;

import dev.chatwar.base.ChatException;
import dev.chatwar.base.ErrorCode;
import dev.chatwar.base.RoomName;
import dev.chatwar.base.UserName;
import dev.chatwar.connection.Connection;
import dev.chatwar.connection.Mailbox;
import dev.chatwar.history.Reading;
import dev.chatwar.history.RoomEvent;
import dev.chatwar.protocol.Frames;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import java.util.function.Consumer;

/**
 * A room's members and the last event delivered to them. Every change happens under the room's monitor, which
 * never waits on the database: events arrive stored, through {@link #deliver}, and are queued to every member
 * in seq order, with no gap; a member sees exactly the events after the {@code lastSeq} it was told when it
 * joined. Queueing never blocks; a member whose outbox refuses a frame is removed here and returned to the
 * caller to be closed outside the monitor. A user is present while it has a connection on any node.
 */
public final class Room {

    private static final RetiredRoom RETIRED = new RetiredRoom();

    private final RoomName name;
    private final Frames frames;
    private final RoomRelay relay;
    private final Occupants occupants;
    private final Mailbox deliveries;
    private long lastSeq;
    private int appending;
    private int accessChanges;
    private boolean retired;
    private boolean usedSinceSweep = true;

    public Room(RoomName name, long lastSeq, Frames frames, Executor fanOut) {
        this(name, lastSeq, frames, RoomRelay.NONE, fanOut);
    }

    public Room(RoomName name, long lastSeq, Frames frames, RoomRelay relay, Executor fanOut) {
        this.name = name;
        this.lastSeq = lastSeq;
        this.frames = frames;
        this.relay = relay;
        this.occupants = new Occupants(name, frames, relay);
        this.deliveries = new Mailbox(fanOut, Integer.MAX_VALUE, Mailbox.WhenRefused.RUN_HERE);
    }

    /**
     * Where the room's stored events wait to be delivered, one at a time in the order stored. Nothing else bounds
     * it: each connection has one message at most being stored, and the cluster's notifications one per event.
     */
    public Mailbox deliveries() {
        return deliveries;
    }

    public RoomName name() {
        return name;
    }

    public synchronized long lastSeq() {
        return lastSeq;
    }

    /** The users with a connection in the room, on this node or another. */
    public synchronized List<UserName> present() {
        return List.copyOf(occupants.everyone());
    }

    public synchronized boolean isMember(Connection connection) {
        return occupants.isMember(connection);
    }

    /** The most events a join replays; a client further behind is told to page the history instead. */
    public static final int MAX_REPLAY = 1000;

    /**
     * Adds the connection, tells the others if its user just arrived, and queues the {@code joined} reply.
     * With {@code after}, the last seq the client saw, the events it missed follow the reply, before any
     * newer event: at most {@link #MAX_REPLAY}, else the reply says {@code reset} and replays nothing. The
     * caller read them up to this room's {@code lastSeq}, and holds the room's monitor since it checked that.
     * With {@code receipts}, the connection is told each time a member marks what it has read.
     */
    public synchronized Set<Connection> join(Connection connection, String ref, Long after, boolean receipts,
                                             Replay replay, Reading reading) {
        live();
        if (replay.upTo() != lastSeq) {
            throw new IllegalStateException("replay up to " + replay.upTo() + " but delivered up to " + lastSeq);
        }
        List<Connection> failed = new ArrayList<>();
        occupants.arrive(connection, receipts, failed);
        Frames.Resumed resumed = after == null ? null : new Frames.Resumed(replay.events().size(), replay.reset());
        boolean delivered = connection.send(frames.joined(name, ref, lastSeq, occupants.everyone(), resumed, reading));
        for (RoomEvent event : replay.events()) {
            delivered = delivered && connection.send(frames.event(event, event.author().equals(connection.user())));
        }
        if (!delivered) {
            failed.add(connection);
        }
        return occupants.settle(failed);
    }

    /**
     * Replies that the connection's user has read up to {@code position} (where its read position stands now,
     * never back), and sends a receipt to the connections that asked for them when it moved to {@code seq}.
     */
    public synchronized Set<Connection> read(Connection connection, long seq, String ref, long position) {
        List<Connection> failed = new ArrayList<>();
        if (!connection.send(frames.read(name, ref, position))) {
            failed.add(connection);
        }
        if (position == seq) {
            relay.receipt(name, connection.user(), position);
            occupants.sendReceipt(connection.user(), position, failed);
        }
        return occupants.settle(failed);
    }

    /** Tells the connections that asked for receipts that a user on another node read up to {@code seq}. */
    public synchronized Set<Connection> readElsewhere(UserName user, long seq) {
        List<Connection> failed = new ArrayList<>();
        occupants.sendReceipt(user, seq, failed);
        return occupants.settle(failed);
    }

    /** Tells the other users' connections that the connection's user is typing; lost first under pressure. */
    public synchronized Set<Connection> typing(Connection connection) {
        if (!occupants.isMember(connection)) {
            throw new ChatException(ErrorCode.NOT_IN_ROOM, "join room '" + name + "' before typing in it");
        }
        relay.typing(name, connection.user());
        return typingElsewhere(connection.user());
    }

    /** Tells the other users' connections here that the user is typing, on this node or another. */
    public synchronized Set<Connection> typingElsewhere(UserName user) {
        List<Connection> failed = new ArrayList<>();
        occupants.broadcast(frames.typing(name, user), user, failed, Connection::sendEphemeral);
        return occupants.settle(failed);
    }

    /** Removes the connection; tells the others if its user has no connection left here. */
    public synchronized Set<Connection> leave(Connection connection) {
        return occupants.settle(List.of(), connection);
    }

    /**
     * Queues stored events to every member, in order; those delivered here already are skipped. One whose seq
     * leaves a gap after the last delivered is not delivered, nor any after it: the caller reads the missing
     * events (stored by another node) from the store, outside this monitor, and delivers them first.
     */
    public synchronized Delivery deliver(List<RoomEvent> events) {
        usedSinceSweep = true;
        List<Connection> failed = new ArrayList<>();
        for (RoomEvent event : events) {
            if (event.seq() > lastSeq + 1) {
                return new Delivery(occupants.settle(failed), true);
            }
            if (event.seq() == lastSeq + 1) {
                lastSeq = event.seq();
                occupants.fanOut(event, failed);
                if (event.endsMembership()) {
                    accessChanges++; // a join that checked the target's access before this checks it again
                }
            }
        }
        return new Delivery(occupants.settle(failed), false);
    }

    /**
     * How often who may enter changed (the room was made private, a member left, was kicked or banned): a check
     * made before may be stale.
     */
    public synchronized int accessChanges() {
        return accessChanges;
    }

    /**
     * Runs the action under the room's monitor, unless who may enter changed since {@code accessChanges} was
     * read: then it returns null, and a check made before must be made again.
     */
    public synchronized <T> T lockedUnlessAccessChanged(int accessChanges, Supplier<T> action) {
        live();
        return this.accessChanges == accessChanges ? action.get() : null;
    }

    /** Records that who may enter changed; call under the room's monitor, with the change. */
    public synchronized void accessChanged() {
        accessChanges++;
    }

    /** Counts a message on its way to the store that made its room no longer untouched: a new room stays public. */
    public synchronized void appending(int change) {
        if (change > 0) {
            live();
        }
        appending += change;
    }

    /** Records that a user has, or no longer has, a connection in the room on another node. */
    public synchronized Set<Connection> presentElsewhere(String node, UserName user, boolean present) {
        if (present) {
            live();
        }
        List<Connection> failed = new ArrayList<>();
        occupants.presentElsewhere(node, user, present, failed);
        return occupants.settle(failed);
    }

    /** Replaces what this room knows of another node's users: exactly {@code users} are there now. */
    public synchronized Set<Connection> presentOn(String node, Set<UserName> users) {
        if (!users.isEmpty()) {
            live();
        }
        List<Connection> failed = new ArrayList<>();
        occupants.presentOn(node, users, failed);
        return occupants.settle(failed);
    }

    /** Hands the users with a connection here on this node to {@code announce}, under the room's monitor. */
    public synchronized void announceLocal(Consumer<Set<UserName>> announce) {
        if (occupants.hasMembers()) {
            announce.accept(occupants.localUsers());
        }
    }

    /** Whether a connection of this node is in the room. */
    public synchronized boolean hasMembers() {
        return occupants.hasMembers();
    }

    /** Runs the action under the room's monitor, so that no join or publish interleaves with it. */
    public synchronized <T> T locked(Supplier<T> action) {
        live();
        return action.get();
    }

    /**
     * Retires the room, and runs {@code forget} under its monitor, if nobody is in it on any node, nothing is on
     * its way to it, and it was not used since the last call: what a retired room refuses to do, with
     * {@link RetiredRoom}, its successor does, starting again from the store.
     */
    synchronized boolean retireIfIdle(Runnable forget) {
        if (!usedSinceSweep && occupants.isEmpty() && appending == 0 && deliveries.idle()) {
            retired = true;
            forget.run();
            return true;
        }
        usedSinceSweep = false;
        return false;
    }

    // under the monitor, before anything that adds to the room
    private void live() {
        if (retired) {
            throw RETIRED;
        }
        usedSinceSweep = true;
    }

    /** Whether nothing was ever said in the room and nobody is in it. */
    public synchronized boolean untouched() {
        return lastSeq == 0 && appending == 0 && occupants.isEmpty();
    }
}
