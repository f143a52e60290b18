package dev.chatwar.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

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
            assertNotEquals(0, reservations.reserve(alice, "192.0.2.1", 3, 100, open));
        }
        assertEquals(0, reservations.reserve(alice, "192.0.2.2", 3, 100, open), "the user's limit");
        assertEquals(0, reservations.reserve(new UserName("bob"), "192.0.2.1", 3, 3, open), "the address's limit");
        assertNotEquals(0, reservations.reserve(new UserName("bob"), "192.0.2.9", 3, 3, open));
    }

    @Test
    void aReservationEndsWhenReleasedOrWhenItsHandshakeNeverOpened() {
        long first = reservations.reserve(alice, "192.0.2.1", 2, 0, open);
        reservations.reserve(alice, "192.0.2.1", 2, 0, open);
        assertEquals(0, reservations.reserve(alice, "192.0.2.1", 2, 0, open));
        reservations.release(first);
        assertNotEquals(0, reservations.reserve(alice, "192.0.2.1", 2, 0, open));
        now.addAndGet(Reservations.HOLD_MILLIS);
        assertEquals(0, reservations.size(), "expired");
        assertNotEquals(0, reservations.reserve(alice, "192.0.2.1", 2, 0, open));
    }
}
