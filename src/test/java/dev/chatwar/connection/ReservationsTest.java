package dev.chatwar.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chatwar.base.UserName;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ReservationsTest {

    private final AtomicLong now = new AtomicLong();
    private final Reservations reservations = new Reservations(now::get);
    private final Connections open = new Connections();
    private final UserName alice = new UserName("alice");

    @Test
    void handshakesAdmittedButNotOpenCountAgainstTheLimits() {
        for (int i = 0; i < 3; i++) {
            assertTrue(reservations.reserve(alice, "192.0.2.1", 3, 100, open) > 0);
        }
        assertEquals(Connections.USER_FULL, reservations.reserve(alice, "192.0.2.2", 3, 100, open));
        assertEquals(Connections.ADDRESS_FULL, reservations.reserve(new UserName("bob"), "192.0.2.1", 3, 3, open));
        assertTrue(reservations.reserve(new UserName("bob"), "192.0.2.9", 3, 3, open) > 0);
    }

    @Test
    void aReservationEndsWhenReleasedOrWhenItsHandshakeNeverOpened() {
        long first = reservations.reserve(alice, "192.0.2.1", 2, 0, open);
        reservations.reserve(alice, "192.0.2.1", 2, 0, open);
        assertEquals(Connections.USER_FULL, reservations.reserve(alice, "192.0.2.1", 2, 0, open));
        reservations.release(first);
        assertTrue(reservations.reserve(alice, "192.0.2.1", 2, 0, open) > 0);
        now.addAndGet(Reservations.HOLD_MILLIS);
        assertEquals(0, reservations.size(), "expired");
        assertTrue(reservations.reserve(alice, "192.0.2.1", 2, 0, open) > 0);
    }
}
