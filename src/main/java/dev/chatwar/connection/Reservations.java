package dev.chatwar.connection;

import dev.chatwar.base.UserName;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Handshakes let through but whose connections are not registered yet. They count against the connection
 * limits from the moment they are admitted until the connection is registered or {@link #HOLD_MILLIS} pass
 * (a handshake that never became a connection), so that handshakes racing each other cannot pass a limit.
 */
final class Reservations {

    static final long HOLD_MILLIS = 10_000;

    private record Reservation(long id, UserName user, String address, long expiresAt) {
    }

    private final LongSupplier clock;
    private final ArrayDeque<Reservation> byExpiry = new ArrayDeque<>();
    private final Map<Long, Reservation> live = new HashMap<>();
    private final Map<UserName, Integer> byUser = new HashMap<>();
    private final Map<String, Integer> byAddress = new HashMap<>();
    private long nextId = 1;

    Reservations(LongSupplier clock) {
        this.clock = clock;
    }

    /** A reservation's id, or which limit the open connections and reservations reach. */
    synchronized long reserve(UserName user, String address, int maxOfUser, int maxFromAddress, Connections open) {
        expire();
        if (open.connectionsOf(user) + byUser.getOrDefault(user, 0) >= maxOfUser) {
            return Connections.USER_FULL;
        }
        if (maxFromAddress > 0 && open.connectionsFrom(address) + byAddress.getOrDefault(address, 0) >= maxFromAddress) {
            return Connections.ADDRESS_FULL;
        }
        Reservation reservation = new Reservation(nextId++, user, address, clock.getAsLong() + HOLD_MILLIS);
        byExpiry.addLast(reservation);
        live.put(reservation.id(), reservation);
        byUser.merge(user, 1, Integer::sum);
        byAddress.merge(address, 1, Integer::sum);
        return reservation.id();
    }

    /** The reserved connection is counted as open now (the caller holds this object's monitor), or never will be. */
    synchronized void release(long id) {
        Reservation reservation = live.remove(id);
        if (reservation != null) {
            uncount(reservation);
        }
    }

    synchronized int size() {
        expire();
        return live.size();
    }

    private void expire() {
        long now = clock.getAsLong();
        // released ones stay queued until they come first: the queue holds at most HOLD_MILLIS of handshakes
        while (!byExpiry.isEmpty() && (byExpiry.peekFirst().expiresAt() <= now
                || !live.containsKey(byExpiry.peekFirst().id()))) {
            Reservation reservation = byExpiry.removeFirst();
            if (live.remove(reservation.id()) != null) {
                uncount(reservation);
            }
        }
    }

    private void uncount(Reservation reservation) {
        byUser.computeIfPresent(reservation.user(), (user, count) -> count == 1 ? null : count - 1);
        byAddress.computeIfPresent(reservation.address(), (address, count) -> count == 1 ? null : count - 1);
    }
}
