package dev.chatwar.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ConnectionLogTest {

    @Test
    void aClientsCloseReasonCannotForgeALineOrBreakTheQuotes() {
        assertEquals("bye?? connection closed id=c1 user=admin? x", ConnectionLog.printable(
                "bye\r\n connection closed id=c1 user=admin\" x"));
        assertEquals("a?b?c", ConnectionLog.printable("a\u2028b\u0085c"));
        assertEquals(123, ConnectionLog.printable("x".repeat(500)).length());
        assertEquals("", ConnectionLog.printable(null));
    }
}
