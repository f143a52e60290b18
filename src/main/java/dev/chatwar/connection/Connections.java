package dev.chatwar.connection;

import dev.chatwar.base.UserName;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** The registry of open connections by user and by address, and a count of how connections ended, by close code. */
public final class Connections {

    private final ConcurrentHashMap<UserName, Set<Connection>> byUser = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Integer> byAddress = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Integer, LongAdder> closeCodes = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Integer, LongAdder> serverCloseCodes = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Integer, LongAdder> clientCloseCodes = new ConcurrentHashMap<>();
    private final Reservations reservations = new Reservations(() -> System.nanoTime() / 1_000_000);

    /** What {@link #reserve} answers when the user holds its most connections already. */
    public static final long USER_FULL = -1;
    /** What {@link #reserve} answers when the address holds its most connections already. */
    public static final long ADDRESS_FULL = -2;

    /**
     * Admits a handshake if the user and the address are below their limits, counting its open connections
     * and the handshakes admitted before it that have not registered yet: the id (positive) to {@link #add} it
     * with, or {@link #USER_FULL} or {@link #ADDRESS_FULL}.
     */
    public long reserve(UserName user, String address, int maxOfUser, int maxFromAddress) {
        return reservations.reserve(user, address, maxOfUser, maxFromAddress, this);
    }

    /** Registers the connection of a reserved handshake: it counts as open before its reservation ends. */
    public void add(Connection connection, long reservation) {
        synchronized (reservations) { // a handshake being admitted sees the connection as open or as reserved
            add(connection);
            reservations.release(reservation);
        }
    }

    public void add(Connection connection) {
        byUser.compute(connection.user(), (user, connections) -> {
            Set<Connection> result = connections == null ? ConcurrentHashMap.newKeySet() : connections;
            result.add(connection);
            return result;
        });
        byAddress.merge(connection.address(), 1, Integer::sum);
    }

    /** Removes the connection and counts its close code; false if it was already gone. */
    public boolean remove(Connection connection, int closeCode) {
        boolean[] removed = {false};
        byUser.computeIfPresent(connection.user(), (user, connections) -> {
            removed[0] = connections.remove(connection);
            return connections.isEmpty() ? null : connections;
        });
        if (removed[0]) {
            byAddress.computeIfPresent(connection.address(), (address, count) -> count == 1 ? null : count - 1);
            int decided = connection.closedByServerWith();
            int code = decided != 0 ? decided : closeCode;
            closeCodes.computeIfAbsent(code, c -> new LongAdder()).increment();
            (decided != 0 ? serverCloseCodes : clientCloseCodes).computeIfAbsent(code, c -> new LongAdder()).increment();
        }
        return removed[0];
    }

    public int connectionsOf(UserName user) {
        Set<Connection> connections = byUser.get(user);
        return connections == null ? 0 : connections.size();
    }

    public List<Connection> of(UserName user) {
        Set<Connection> connections = byUser.get(user);
        return connections == null ? List.of() : List.copyOf(connections);
    }

    public int connectionsFrom(String address) {
        return byAddress.getOrDefault(address, 0);
    }

    public int connectionCount() {
        return byUser.values().stream().mapToInt(Set::size).sum();
    }

    public int userCount() {
        return byUser.size();
    }

    public List<Connection> all() {
        return byUser.values().stream().flatMap(Set::stream).toList();
    }

    /**
     * How many connections ended with each close code since the application started: the code the server closed
     * with when it decided the close, else the one the container reported (the client's, or 1006 for none).
     */
    public Map<Integer, Long> closeCodeCounts() {
        return counts(closeCodes);
    }

    /** The closes the server decided, by code. */
    public Map<Integer, Long> serverCloseCodeCounts() {
        return counts(serverCloseCodes);
    }

    /** The closes the server did not decide (the client's close frame, or 1006 when none came), by code. */
    public Map<Integer, Long> clientCloseCodeCounts() {
        return counts(clientCloseCodes);
    }

    private static Map<Integer, Long> counts(Map<Integer, LongAdder> adders) {
        Map<Integer, Long> counts = new TreeMap<>();
        adders.forEach((code, count) -> counts.put(code, count.sum()));
        return counts;
    }
}
