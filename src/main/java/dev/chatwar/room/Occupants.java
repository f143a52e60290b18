package dev.chatwar.room;

import dev.chatwar.base.RoomName;
import dev.chatwar.base.UserName;
import dev.chatwar.connection.Connection;
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
import java.util.Set;
import java.util.function.BiPredicate;

/**
 * Who is in a room: this node's connections by user, the users other nodes have there, and the connections
 * that asked for receipts; and the frames that go to them. Used only under its {@link Room}'s monitor.
 */
final class Occupants {

    private final RoomName name;
    private final Frames frames;
    private final RoomRelay relay;
    private final Map<UserName, Set<Connection>> members = new LinkedHashMap<>();
    private final Map<UserName, Set<String>> elsewhere = new LinkedHashMap<>();
    private final Set<Connection> receiptWatchers = new LinkedHashSet<>();

    Occupants(RoomName name, Frames frames, RoomRelay relay) {
        this.name = name;
        this.frames = frames;
        this.relay = relay;
    }

    /** The users with a connection in the room, on this node or another. */
    Set<UserName> everyone() {
        Set<UserName> present = new LinkedHashSet<>(members.keySet());
        present.addAll(elsewhere.keySet());
        return present;
    }

    boolean isPresent(UserName user) {
        return members.containsKey(user) || elsewhere.containsKey(user);
    }

    boolean isMember(Connection connection) {
        return members.getOrDefault(connection.user(), Set.of()).contains(connection);
    }

    boolean hasMembers() {
        return !members.isEmpty();
    }

    boolean isEmpty() {
        return members.isEmpty() && elsewhere.isEmpty();
    }

    Set<UserName> localUsers() {
        return Set.copyOf(members.keySet());
    }

    /** Adds the connection; tells the others, here and on other nodes, if its user just arrived. */
    void arrive(Connection connection, boolean receipts, List<Connection> failed) {
        Set<Connection> ofUser = members.computeIfAbsent(connection.user(), user -> new LinkedHashSet<>());
        boolean arrivedHere = ofUser.isEmpty();
        ofUser.add(connection);
        if (arrivedHere) {
            relay.presence(name, connection.user(), true);
            if (!elsewhere.containsKey(connection.user())) {
                broadcast(frames.presence(name, connection.user(), true), connection.user(), failed, Connection::send);
            }
        }
        if (receipts) {
            receiptWatchers.add(connection);
        } else {
            receiptWatchers.remove(connection);
        }
    }

    void fanOut(RoomEvent event, List<Connection> failed) {
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

    void sendReceipt(UserName user, long seq, List<Connection> failed) {
        String receipt = frames.receipt(name, user, seq);
        for (Connection watcher : receiptWatchers) {
            if (!watcher.send(receipt)) {
                failed.add(watcher);
            }
        }
    }

    /** Records that a user has, or no longer has, a connection in the room on another node. */
    void presentElsewhere(String node, UserName user, boolean present, List<Connection> failed) {
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
    }

    /** Makes exactly {@code users} present on the node: those it had there before and not now leave it. */
    void presentOn(String node, Set<UserName> users, List<Connection> failed) {
        for (UserName user : elsewhere()) {
            if (!users.contains(user)) {
                presentElsewhere(node, user, false, failed);
            }
        }
        for (UserName user : users) {
            presentElsewhere(node, user, true, failed);
        }
    }

    /** The users another node has in the room. */
    private Set<UserName> elsewhere() {
        return Set.copyOf(elsewhere.keySet());
    }

    void broadcast(String frame, UserName except, Collection<Connection> failed,
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
    Set<Connection> settle(Collection<Connection> failed, Connection... leaving) {
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
