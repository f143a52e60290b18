package dev.chatwar.room;

import dev.chatwar.base.ChatException;
import dev.chatwar.base.ErrorCode;
import dev.chatwar.base.RoomName;
import dev.chatwar.base.UserName;
import dev.chatwar.connection.Connection;
import dev.chatwar.history.Reading;
import dev.chatwar.history.RoomEvent;
import dev.chatwar.protocol.Frames;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.function.Consumer;
import java.util.function.LongFunction;
import java.util.function.LongUnaryOperator;
import java.util.function.Supplier;

/**
 * A room's members and the head of its event stream. Every change happens under the room's monitor:
 * storing an event and queueing it to every member is one step, so all members see the room's events in
 * seq order, and a member sees exactly the events after the {@code lastSeq} it was told when it joined.
 * Queueing never blocks; a member whose outbox refuses a frame is removed here and returned to the caller
 * to be closed outside the monitor.
 * <p>
 * With other server nodes, {@code lastSeq} is the last event delivered here: events stored by another node
 * arrive through {@link #deliver}, and any this node has not seen yet are read from the store first, so
 * delivery here stays in stored seq order. A user is present while it has a connection on any node.
 */
public final class Room {

    /** Where the room passes on what the other nodes' members must see too; called under the room's monitor. */
    public interface Relay {
        Relay NONE = new Relay() {
        };

        /** A user's first connection on this node joined the room, or its last one here left. */
        default void presence(RoomName room, UserName user, boolean present) {
        }

        default void typing(RoomName room, UserName user) {
        }

        /** A member marked all up to {@code seq} as read. */
        default void receipt(RoomName room, UserName user, long seq) {
        }
    }

    /** Attempts at storing one event when other nodes keep taking the next seq first. */
    static final int MAX_APPEND_ATTEMPTS = 5;

    private final RoomName name;
    private final Frames frames;
    private final Relay relay;
    private final Map<UserName, Set<Connection>> members = new LinkedHashMap<>();
    private final Map<UserName, Set<String>> elsewhere = new LinkedHashMap<>();
    private final Set<Connection> receiptWatchers = new LinkedHashSet<>();
    private long lastSeq;

    public Room(RoomName name, long lastSeq, Frames frames) {
        this(name, lastSeq, frames, Relay.NONE);
    }

    public Room(RoomName name, long lastSeq, Frames frames, Relay relay) {
        this.name = name;
        this.lastSeq = lastSeq;
        this.frames = frames;
        this.relay = relay;
    }

    public RoomName name() {
        return name;
    }

    public synchronized long lastSeq() {
        return lastSeq;
    }

    /** The users with a connection in the room, on this node or another. */
    public synchronized List<UserName> present() {
        return List.copyOf(everyone());
    }

    private Set<UserName> everyone() {
        Set<UserName> present = new LinkedHashSet<>(members.keySet());
        present.addAll(elsewhere.keySet());
        return present;
    }

    private boolean isPresent(UserName user) {
        return members.containsKey(user) || elsewhere.containsKey(user);
    }

    public synchronized boolean isMember(Connection connection) {
        return members.getOrDefault(connection.user(), Set.of()).contains(connection);
    }

    /** The most events a join replays; a client further behind is told to page the history instead. */
    public static final int MAX_REPLAY = 1000;

    /** What the store knows of this room, asked under the room's monitor. */
    public interface Backlog {

        /** The highest seq stored for the room. */
        long lastSeq();

        /** The stored events with {@code after < seq <= upTo}, in seq order. */
        List<RoomEvent> between(long after, long upTo);

        /** The user's read position here, and how many messages of others after it are unread. */
        Reading reading(UserName user);
    }

    /**
     * Adds the connection, tells the others if its user just arrived, and queues the {@code joined} reply.
     * With {@code after}, the last seq the client saw, the events it missed follow the reply, before any
     * newer event: at most {@link #MAX_REPLAY}, else the reply says {@code reset} and replays nothing.
     * With {@code receipts}, the connection is told each time a member marks what it has read.
     */
    public synchronized Set<Connection> join(Connection connection, String ref, Long after, boolean receipts,
                                             Backlog backlog) {
        List<Connection> failed = new ArrayList<>();
        if (after != null && after > lastSeq) {
            // the client may have seen, on another node, events not yet delivered here
            catchUp(backlog.lastSeq(), backlog, failed);
        }
        boolean reset = after != null && (after > lastSeq || lastSeq - after > MAX_REPLAY);
        List<RoomEvent> replay = after == null || reset ? List.of() : backlog.between(after, lastSeq);
        Reading reading = backlog.reading(connection.user());
        Set<Connection> ofUser = members.computeIfAbsent(connection.user(), user -> new LinkedHashSet<>());
        boolean arrivedHere = ofUser.isEmpty();
        ofUser.add(connection);
        if (arrivedHere) {
            relay.presence(name, connection.user(), true);
            if (!elsewhere.containsKey(connection.user())) {
                broadcast(frames.presence(name, connection.user(), true), connection.user(), failed, Connection::send);
            }
        }
        Frames.Resumed resumed = after == null ? null : new Frames.Resumed(replay.size(), reset);
        if (receipts) {
            receiptWatchers.add(connection);
        } else {
            receiptWatchers.remove(connection);
        }
        boolean delivered = connection.send(frames.joined(name, ref, lastSeq, everyone(), resumed, reading));
        for (RoomEvent event : replay) {
            delivered = delivered && connection.send(frames.event(event, event.author().equals(connection.user())));
        }
        if (!delivered) {
            failed.add(connection);
        }
        return settle(failed);
    }

    /**
     * Moves the connection's user's read position to {@code seq} through {@code mark}, which returns where
     * it stands (it never goes back); replies, and sends a receipt to the connections that asked for them.
     */
    public synchronized Set<Connection> read(Connection connection, long seq, String ref, LongUnaryOperator mark) {
        if (seq > lastSeq) {
            throw new ChatException(ErrorCode.INVALID_FIELD, "seq " + seq + " is beyond the room's last seq " + lastSeq);
        }
        long position = mark.applyAsLong(seq);
        List<Connection> failed = new ArrayList<>();
        if (!connection.send(frames.read(name, ref, position))) {
            failed.add(connection);
        }
        if (position == seq) {
            relay.receipt(name, connection.user(), position);
            sendReceipt(connection.user(), position, failed);
        }
        return settle(failed);
    }

    /** Tells the connections that asked for receipts that a user on another node read up to {@code seq}. */
    public synchronized Set<Connection> readElsewhere(UserName user, long seq) {
        List<Connection> failed = new ArrayList<>();
        sendReceipt(user, seq, failed);
        return settle(failed);
    }

    private void sendReceipt(UserName user, long seq, List<Connection> failed) {
        String receipt = frames.receipt(name, user, seq);
        for (Connection watcher : receiptWatchers) {
            if (!watcher.send(receipt)) {
                failed.add(watcher);
            }
        }
    }

    /** Tells the other users' connections that the connection's user is typing; lost first under pressure. */
    public synchronized Set<Connection> typing(Connection connection) {
        if (!isMember(connection)) {
            throw new ChatException(ErrorCode.NOT_IN_ROOM, "join room '" + name + "' before typing in it");
        }
        relay.typing(name, connection.user());
        return typingElsewhere(connection.user());
    }

    /** Tells the other users' connections here that the user is typing, on this node or another. */
    public synchronized Set<Connection> typingElsewhere(UserName user) {
        List<Connection> failed = new ArrayList<>();
        broadcast(frames.typing(name, user), user, failed, Connection::sendEphemeral);
        return settle(failed);
    }

    /** Removes the connection; tells the others if its user has no connection left here. */
    public synchronized Set<Connection> leave(Connection connection) {
        return settle(List.of(), connection);
    }

    /**
     * Stores the next event through {@code append}, which receives the seq expected next, then queues it to
     * every member. Events of other nodes that the store's seq shows were missed here are delivered first. If
     * {@code append} throws, nothing changes, unless another node had stored that seq: then its events are
     * delivered here first and the append is tried again with the next free seq.
     */
    public synchronized Published publish(LongFunction<RoomEvent> append, Backlog backlog) {
        List<Connection> failed = new ArrayList<>();
        for (int attempt = 1; ; attempt++) {
            RoomEvent event;
            try {
                event = append.apply(lastSeq + 1);
            } catch (ChatException refused) {
                throw refused;
            } catch (RuntimeException failure) {
                long stored = storedHead(backlog, failure);
                if (stored <= lastSeq || attempt == MAX_APPEND_ATTEMPTS) {
                    throw failure;
                }
                catchUp(stored, backlog, failed);
                continue;
            }
            catchUp(event.seq() - 1, backlog, failed);
            fanOut(event, failed);
            return new Published(event, settle(failed), false);
        }
    }

    // the store's head after a failed append; if the store cannot say, the append's failure is what counts
    private static long storedHead(Backlog backlog, RuntimeException failure) {
        try {
            return backlog.lastSeq();
        } catch (RuntimeException alsoFailed) {
            failure.addSuppressed(alsoFailed);
            throw failure;
        }
    }

    /**
     * Delivers an event another node stored, after any stored before it that were not delivered here yet.
     * An event delivered already is ignored, so a repeated or late notification changes nothing.
     */
    public synchronized Set<Connection> deliver(RoomEvent event, Backlog backlog) {
        if (event.seq() <= lastSeq) {
            return Set.of();
        }
        List<Connection> failed = new ArrayList<>();
        catchUp(event.seq() - 1, backlog, failed);
        fanOut(event, failed);
        return settle(failed);
    }

    /** Delivers the stored events up to the store's head that were not delivered here yet. */
    public synchronized Set<Connection> catchUp(Backlog backlog) {
        List<Connection> failed = new ArrayList<>();
        catchUp(backlog.lastSeq(), backlog, failed);
        return settle(failed);
    }

    private void catchUp(long upTo, Backlog backlog, List<Connection> failed) {
        if (upTo <= lastSeq) {
            return;
        }
        if (!members.isEmpty()) {
            for (RoomEvent missed : backlog.between(lastSeq, upTo)) {
                fanOut(missed, failed);
            }
        }
        lastSeq = upTo;
    }

    private void fanOut(RoomEvent event, List<Connection> failed) {
        lastSeq = event.seq();
        if (members.isEmpty()) {
            return;
        }
        String own = frames.event(event, true);
        String others = frames.event(event, false);
        members.forEach((user, connections) -> {
            String frame = user.equals(event.author()) ? own : others;
            for (Connection connection : connections) {
                if (!connection.send(frame)) {
                    failed.add(connection);
                }
            }
        });
    }

    /** Records that a user has, or no longer has, a connection in the room on another node. */
    public synchronized Set<Connection> presentElsewhere(String node, UserName user, boolean present) {
        List<Connection> failed = new ArrayList<>();
        boolean before = isPresent(user);
        if (present) {
            elsewhere.computeIfAbsent(user, u -> new LinkedHashSet<>()).add(node);
        } else {
            Set<String> nodes = elsewhere.get(user);
            if (nodes != null && nodes.remove(node) && nodes.isEmpty()) {
                elsewhere.remove(user);
            }
        }
        if (before != isPresent(user)) {
            broadcast(frames.presence(name, user, !before), user, failed, Connection::send);
        }
        return settle(failed);
    }

    /** Replaces what this room knows of another node's users: exactly {@code users} are there now. */
    public synchronized Set<Connection> presentOn(String node, Set<UserName> users) {
        Set<Connection> dropped = new LinkedHashSet<>();
        for (UserName user : List.copyOf(elsewhere.keySet())) {
            if (!users.contains(user)) {
                dropped.addAll(presentElsewhere(node, user, false));
            }
        }
        for (UserName user : users) {
            dropped.addAll(presentElsewhere(node, user, true));
        }
        return dropped;
    }

    /** Hands the users with a connection here on this node to {@code announce}, under the room's monitor. */
    public synchronized void announceLocal(Consumer<Set<UserName>> announce) {
        if (!members.isEmpty()) {
            announce.accept(Set.copyOf(members.keySet()));
        }
    }

    /** Whether a connection of this node is in the room. */
    public synchronized boolean hasMembers() {
        return !members.isEmpty();
    }

    /**
     * Like {@link #publish}, unless {@code earlier} finds the event stored already: then nothing is stored
     * or sent, and the earlier event is returned as a duplicate. Both run under the room's monitor.
     */
    public synchronized Published publishOnce(Supplier<Optional<RoomEvent>> earlier, LongFunction<RoomEvent> append,
                                              Backlog backlog) {
        Optional<RoomEvent> stored = earlier.get();
        return stored.isPresent() ? new Published(stored.get(), Set.of(), true) : publish(append, backlog);
    }

    /** Runs the action under the room's monitor, so that no join or publish interleaves with it. */
    public synchronized <T> T locked(Supplier<T> action) {
        return action.get();
    }

    /** Whether nothing was ever said in the room and nobody is in it. */
    public synchronized boolean untouched() {
        return lastSeq == 0 && members.isEmpty() && elsewhere.isEmpty();
    }

    /** @param duplicate the event was stored by an earlier request and was not sent again */
    public record Published(RoomEvent event, Set<Connection> dropped, boolean duplicate) {
    }

    private void broadcast(String frame, UserName except, Collection<Connection> failed,
                           BiPredicate<Connection, String> send) {
        members.forEach((user, connections) -> {
            if (!user.equals(except)) {
                for (Connection connection : connections) {
                    if (!send.test(connection, frame)) {
                        failed.add(connection);
                    }
                }
            }
        });
    }

    // Removes connections whose outbox refused a frame (and the one leaving, if any). Telling the others that
    // a user left can make more outboxes refuse, so this runs until nothing new fails.
    private Set<Connection> settle(Collection<Connection> failed, Connection... leaving) {
        Set<Connection> dropped = new LinkedHashSet<>(failed);
        Deque<Connection> pending = new ArrayDeque<>(List.of(leaving));
        pending.addAll(failed);
        Set<Connection> removed = new LinkedHashSet<>();
        while (!pending.isEmpty()) {
            Connection connection = pending.poll();
            if (removed.add(connection) && removeMember(connection)) {
                relay.presence(name, connection.user(), false);
                if (!elsewhere.containsKey(connection.user())) {
                    List<Connection> more = new ArrayList<>();
                    broadcast(frames.presence(name, connection.user(), false), null, more, Connection::send);
                    dropped.addAll(more);
                    pending.addAll(more);
                }
            }
        }
        return dropped;
    }

    /** True when the connection was a member and its user now has no connection in the room. */
    private boolean removeMember(Connection connection) {
        receiptWatchers.remove(connection);
        Set<Connection> ofUser = members.get(connection.user());
        if (ofUser == null || !ofUser.remove(connection)) {
            return false;
        }
        if (ofUser.isEmpty()) {
            members.remove(connection.user());
            return true;
        }
        return false;
    }
}
