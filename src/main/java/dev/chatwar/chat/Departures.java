package dev.chatwar.chat;

import dev.chatwar.base.RoomName;
import dev.chatwar.connection.Connection;
import dev.chatwar.connection.Connections;
import dev.chatwar.protocol.CloseCodes;
import dev.chatwar.room.Rooms;
import java.time.Clock;
import java.time.Instant;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Connections leaving, whoever decides: the peer or the container, the silence check, the end of a session, an
 * overflowing outbox, the application stopping. Each leaves its rooms and the registry exactly once.
 */
final class Departures {

    private final Connections connections;
    private final Rooms rooms;
    private final Clock clock;
    private final Consumer<Connection> ended;

    Departures(Connections connections, Rooms rooms, Clock clock, Consumer<Connection> ended) {
        this.connections = connections;
        this.rooms = rooms;
        this.clock = clock;
        this.ended = ended;
    }

    /**
     * Closes with 1001 the connections whose peer has sent nothing for longer than {@code maxSilenceMillis}
     * while a ping written to it went unanswered for at least a ping interval (the limit's share of one of the
     * {@link ChatRuntime#MISSED_PINGS}), or has taken no frame for that long: a frozen or vanished client,
     * whatever the container's own timeouts. Called every second, so the close comes within a second of the limit.
     */
    void closeSilent(long maxSilenceMillis) {
        long now = clock.millis();
        long answerWindow = maxSilenceMillis / ChatRuntime.MISSED_PINGS;
        for (Connection connection : connections.all()) {
            connection.unresponsive(maxSilenceMillis, answerWindow, now).ifPresent(reason -> {
                closeNow(connection, CloseCodes.GOING_AWAY, reason);
            });
        }
    }

    /** Pings every connection: a live peer answers, which keeps the container's read timeout from firing. */
    void pingAll() {
        drop(connections.all().stream().filter(connection -> !connection.ping()).collect(Collectors.toSet()));
    }

    void closeSession(String sessionId, String reason) {
        connections.all().stream().filter(connection -> connection.session().id().equals(sessionId))
                .forEach(connection -> closeEnded(connection, reason));
    }

    /** Closes the connections whose session has expired, with 4401. */
    void expireSessions() {
        Instant now = clock.instant();
        connections.all().stream().filter(connection -> connection.session().expired(now))
                .forEach(connection -> closeEnded(connection, "session expired"));
    }

    private void closeEnded(Connection connection, String reason) {
        connection.closeAfterPending(CloseCodes.SESSION_ENDED, reason);
        end(connection, CloseCodes.SESSION_ENDED);
    }

    /** Closes every connection with 1001, as the application goes away. */
    void shutdown() {
        for (Connection connection : connections.all()) {
            closeNow(connection, CloseCodes.GOING_AWAY, "server shutting down");
        }
    }

    // Connections a room removed because their outbox refused a frame. A full outbox means a slow consumer,
    // closed here; a failed transport is closed by the container, which reports it through closed().
    void drop(Set<Connection> dropped) {
        for (Connection connection : dropped) {
            if (connection.overflowed()) {
                closeNow(connection, CloseCodes.SLOW_CONSUMER, "send queue overflow");
            }
        }
    }

    // The server's own close, frames still queued dropped: decided before the connection is ended, so that its
    // code counts as the server's (closeEnded keeps the same order).
    private void closeNow(Connection connection, int code, String reason) {
        connection.close(code, reason);
        end(connection, code);
    }

    void end(Connection connection, int closeCode) {
        if (!connection.markClosed()) {
            return;
        }
        for (RoomName name : connection.rooms()) {
            rooms.loaded(name).ifPresent(room -> drop(room.leave(connection)));
        }
        connections.remove(connection, closeCode);
        ended.accept(connection);
    }
}
