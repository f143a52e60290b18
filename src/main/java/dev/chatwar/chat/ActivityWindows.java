package dev.chatwar.chat;

import dev.chatwar.base.RoomName;
import dev.chatwar.connection.Connection;
import dev.chatwar.history.RoomEvent;
import dev.chatwar.protocol.ConversationFrames;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * At most one {@code activity} event a second for each room and connection: the first goes at once; those that
 * follow within the second are summed into one, sent once the second is over. A busy room so costs a connection
 * outside it a frame a second, not a frame a message.
 */
final class ActivityWindows {

    static final long WINDOW_MILLIS = 1000;

    private final ConversationFrames frames = new ConversationFrames();
    private final LongSupplier clock;
    private final Map<Connection, Window> windows = new ConcurrentHashMap<>();

    /** Messages held back for one room: the newest, and how many of others (and mentioning the user) came. */
    private record Batch(RoomEvent newest, int messages, int mentions) {
        Batch plus(Batch later) {
            return new Batch(later.newest, messages + later.messages, mentions + later.mentions);
        }
    }

    private record Due(Connection connection, Batch batch) {
    }

    // a connection's rooms: when each last had a frame, and what waits for the next
    private static final class Window {
        final Map<RoomName, Long> sentAt = new HashMap<>();
        final Map<RoomName, Batch> held = new HashMap<>();
    }

    ActivityWindows(LongSupplier clock) {
        this.clock = clock;
    }

    /** Tells the connection of the message now, or holds it for the next frame; false when its outbox refused. */
    boolean offer(Connection connection, RoomEvent message) {
        boolean others = !message.author().equals(connection.user());
        Batch batch = new Batch(message, others ? 1 : 0,
                others && message.mentions().contains(connection.user()) ? 1 : 0);
        Window window = windows.computeIfAbsent(connection, none -> new Window());
        synchronized (window) {
            long now = clock.getAsLong();
            Long last = window.sentAt.get(message.room());
            if (window.held.containsKey(message.room()) || (last != null && now - last < WINDOW_MILLIS)) {
                window.held.merge(message.room(), batch, Batch::plus);
                return true;
            }
            window.sentAt.put(message.room(), now);
        }
        return connection.send(frames.activity(batch.newest, batch.messages, batch.mentions));
    }

    /** Sends what has been held for its second; returns the connections whose outbox refused a frame. */
    Set<Connection> flush() {
        long now = clock.getAsLong();
        List<Due> due = new ArrayList<>();
        windows.forEach((connection, window) -> {
            synchronized (window) {
                for (Iterator<Map.Entry<RoomName, Long>> sent = window.sentAt.entrySet().iterator(); sent.hasNext(); ) {
                    Map.Entry<RoomName, Long> room = sent.next();
                    if (now - room.getValue() < WINDOW_MILLIS) {
                        continue;
                    }
                    Batch batch = window.held.remove(room.getKey());
                    if (batch == null) {
                        sent.remove(); // quiet for a second: the next message goes at once
                    } else {
                        room.setValue(now);
                        due.add(new Due(connection, batch));
                    }
                }
            }
        });
        Set<Connection> refused = new HashSet<>();
        for (Due one : due) {
            if (!one.connection.send(frames.activity(one.batch.newest, one.batch.messages, one.batch.mentions))) {
                refused.add(one.connection);
            }
        }
        return refused;
    }

    void forget(Connection connection) {
        windows.remove(connection);
    }
}
