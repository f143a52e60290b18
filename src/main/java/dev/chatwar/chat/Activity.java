package dev.chatwar.chat;

import dev.chatwar.base.RoomName;
import dev.chatwar.base.UserName;
import dev.chatwar.connection.Connection;
import dev.chatwar.history.RoomEvent;
import dev.chatwar.room.RoomAccess;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Keeps every open conversation list current: a new message in a room goes, as a small {@code activity} event,
 * to each connection of the room's members that asked for the list and has not joined the room (those that
 * have get the message itself), at most one a second for each room and connection ({@link ActivityWindows}).
 * Connections that never ask (bots, a widget of one room) cost nothing here. Holds, for the users connected to this node, the rooms they are members of; a direct-message room's
 * two users are named by the room.
 */
final class Activity {

    /** The most rooms of one user whose messages its connections here hear of: its newest memberships. */
    static final int MAX_WATCHED_ROOMS = 2000;

    private final ActivityWindows windows;
    private final RoomAccess access;
    private final Consumer<Set<Connection>> drop;
    private final Map<UserName, Watcher> watchers = new ConcurrentHashMap<>();
    private final Map<RoomName, Set<UserName>> membersHere = new ConcurrentHashMap<>();
    // the connections that asked for their user's conversations: only those show a list to keep current
    private final Set<Connection> listening = ConcurrentHashMap.newKeySet();

    private static final class Watcher {
        final Set<Connection> connections = ConcurrentHashMap.newKeySet();
        final Set<RoomName> rooms = ConcurrentHashMap.newKeySet();
    }

    Activity(RoomAccess access, Consumer<Set<Connection>> drop, LongSupplier clock) {
        this.windows = new ActivityWindows(clock);
        this.access = access;
        this.drop = drop;
    }

    /** A connection is open: the first of its user here reads the user's rooms from the store. */
    void online(Connection connection) {
        boolean[] first = {false};
        watchers.compute(connection.user(), (user, watcher) -> {
            if (watcher == null) {
                watcher = new Watcher();
                first[0] = true;
            }
            watcher.connections.add(connection);
            return watcher;
        });
        if (first[0]) {
            for (RoomName room : access.memberRooms(connection.user(), MAX_WATCHED_ROOMS)) {
                member(room, connection.user(), true);
            }
        }
        if (!connection.isOpen()) {
            offline(connection); // it ended meanwhile, and may have been counted out before it was counted in
        }
    }

    /** A connection ended: the last of its user here takes the user out of its rooms' lists. */
    void offline(Connection connection) {
        listening.remove(connection);
        windows.forget(connection);
        watchers.computeIfPresent(connection.user(), (user, watcher) -> {
            watcher.connections.remove(connection);
            if (!watcher.connections.isEmpty()) {
                return watcher;
            }
            watcher.rooms.forEach(room -> membersHere.computeIfPresent(room, (name, users) -> {
                users.remove(user);
                return users.isEmpty() ? null : users;
            }));
            return null;
        });
    }

    /** The user became a member of the room, or stopped being one (here or on another node). */
    void member(RoomName room, UserName user, boolean member) {
        watchers.computeIfPresent(user, (name, watcher) -> {
            if (member && (watcher.rooms.contains(room) || watcher.rooms.size() < MAX_WATCHED_ROOMS)) {
                watcher.rooms.add(room);
                membersHere.computeIfAbsent(room, none -> ConcurrentHashMap.newKeySet()).add(user);
            } else if (!member && watcher.rooms.remove(room)) {
                membersHere.computeIfPresent(room, (none, users) -> {
                    users.remove(user);
                    return users.isEmpty() ? null : users;
                });
            }
            return watcher;
        });
    }

    /** A message was stored in the room: tells the members' connections that are not in the room. */
    void stored(RoomEvent event) {
        if (!event.isMessage() || event.room().equals(RoomName.LOBBY)) {
            return;
        }
        RoomName room = event.room();
        Iterable<UserName> members = room.isDirect() ? room.directMembers() : membersHere.getOrDefault(room, Set.of());
        Set<Connection> dropped = null;
        for (UserName user : members) {
            Watcher watcher = watchers.get(user);
            if (watcher == null) {
                continue;
            }
            for (Connection connection : watcher.connections) {
                if (!listening.contains(connection) || connection.rooms().contains(room)) {
                    continue;
                }
                if (!windows.offer(connection, event)) {
                    dropped = dropped == null ? new HashSet<>() : dropped;
                    dropped.add(connection);
                }
            }
        }
        if (dropped != null) {
            drop.accept(dropped);
        }
    }

    /** The connection asked for its user's conversations: from now on it hears of their new messages. */
    void listen(Connection connection) {
        if (connection.isOpen()) {
            listening.add(connection);
        }
    }

    /** Sends the activity held back for a second or more; call it every second. */
    void flush() {
        Set<Connection> dropped = windows.flush();
        if (!dropped.isEmpty()) {
            drop.accept(dropped);
        }
    }

    /** Whether the user, connected here, is known to be a member of the room. */
    boolean knowsMember(UserName user, RoomName room) {
        Watcher watcher = watchers.get(user);
        return watcher != null && watcher.rooms.contains(room);
    }

    /** The connections of the user here, for a change of its memberships. */
    List<Connection> connectionsOf(UserName user) {
        Watcher watcher = watchers.get(user);
        return watcher == null ? List.of() : List.copyOf(watcher.connections);
    }
}
