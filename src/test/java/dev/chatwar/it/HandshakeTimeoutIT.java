package dev.chatwar.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;

/**
 * How long a connection may take before its handshake is the server's setting, not the application's: the
 * WildFly test server allows 3 s for a silent connection and for a whole request (arquillian.xml, default
 * 10 s); Payara allows 10 s of silence (src/payara/chat.asadmin) and has no deadline for a whole request.
 */
class HandshakeTimeoutIT extends DeployedWar {

    private static final Duration TIMEOUT = Duration.ofSeconds(Long.getLong("chat.it.http-idle-timeout", 3));

    @Test
    void aHandshakeThatStopsHalfwayIsDroppedWithinTheTimeout() throws IOException {
        try (Socket stalled = RawSocket.partialHandshake(ChatWar.BASE, 60)) {
            assertClosedWithin(stalled, TIMEOUT.multipliedBy(3));
        }
        assertEquals(0, api.stats().getInt("connections"));
    }

    @Test
    @DisabledIfSystemProperty(named = "chat.it.server", matches = "payara",
            disabledReason = "Grizzly has no deadline for a request whose headers keep trickling in: docs/servers.md")
    void aHandshakeWhoseHeadersTrickleInIsDroppedAtTheDeadline() throws IOException, InterruptedException {
        long start = System.nanoTime();
        try (Socket slowloris = RawSocket.partialHandshake(ChatWar.BASE, 60)) {
            Duration bound = TIMEOUT.multipliedBy(3);
            boolean dropped = false;
            // the attack itself: one more byte of a header every 200 ms, never the blank line that ends them
            while (!dropped && Duration.ofNanos(System.nanoTime() - start).compareTo(bound) < 0) {
                Thread.sleep(200);
                try {
                    slowloris.getOutputStream().write('X');
                } catch (java.net.SocketException closed) {
                    dropped = true;
                }
            }
            if (!dropped) {
                assertClosedWithin(slowloris, Duration.ofSeconds(1));
            }
        }
        System.out.printf("HandshakeTimeoutIT: trickling handshake dropped after %d ms%n",
                Duration.ofNanos(System.nanoTime() - start).toMillis());
    }

    @Test
    void aConnectionThatNeverSpeaksIsDroppedWithinTheTimeout() throws IOException {
        try (Socket silent = RawSocket.partialHandshake(ChatWar.BASE, 0)) {
            assertClosedWithin(silent, TIMEOUT.multipliedBy(3));
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
