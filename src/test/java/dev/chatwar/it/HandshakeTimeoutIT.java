package dev.chatwar.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The test server's handshake timeout is 3 s (see arquillian.xml); the default is 10 s. */
class HandshakeTimeoutIT extends DeployedWar {

    private static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(3);

    @Test
    void aHandshakeThatStopsHalfwayIsDroppedWithinTheTimeout() throws IOException {
        try (Socket slowloris = RawSocket.partialHandshake(ChatWar.BASE, 60)) {
            assertClosedWithin(slowloris, HANDSHAKE_TIMEOUT.multipliedBy(3));
        }
        assertEquals(0, api.stats().getInt("connections"));
    }

    @Test
    void aConnectionThatNeverSpeaksIsDroppedWithinTheTimeout() throws IOException {
        try (Socket silent = RawSocket.partialHandshake(ChatWar.BASE, 0)) {
            assertClosedWithin(silent, HANDSHAKE_TIMEOUT.multipliedBy(3));
        }
    }

    @Test
    void aClientThatCompletesItsHandshakeInTimeIsServedAsUsual() {
        ChatClient client = ChatClient.connect(ChatWar.BASE, "prompt-" + suffix);
        assertEquals("ack", client.say("lobby", "made it").getString("type"));
        client.closeNormally();
    }

    // The server ends the connection: the read sees end of stream (or a reset) long before the socket's own timeout.
    private static void assertClosedWithin(Socket socket, Duration bound) throws IOException {
        long start = System.nanoTime();
        socket.setSoTimeout((int) bound.toMillis());
        InputStream in = socket.getInputStream();
        int read;
        try {
            do {
                read = in.read();
            } while (read >= 0);
        } catch (java.net.SocketException reset) {
            read = -1;
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertTrue(took.compareTo(bound) < 0, "closed after " + took);
        System.out.printf("HandshakeTimeoutIT: dropped after %d ms%n", took.toMillis());
    }
}
