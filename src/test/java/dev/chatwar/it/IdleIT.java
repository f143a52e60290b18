package dev.chatwar.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The test server pings every 5 s and closes a connection silent for 3 ping intervals, 15 s (see arquillian.xml):
 * the application's own check, so that it holds on any server. WildFly's read timeout (30 s) comes later.
 */
class IdleIT extends DeployedWar {

    private static final Duration SILENCE_LIMIT = Duration.ofSeconds(15);
    // the check runs every second; the rest is room for a loaded machine, well short of a ping interval more
    private static final Duration LATE_BY_AT_MOST = Duration.ofSeconds(4);

    @Test
    void aQuietClientThatAnswersPingsStaysWhileAFrozenPeerIsCutOff() {
        String room = "idle-" + suffix;
        String frozen = "frozen-" + suffix;
        ChatClient quiet = ChatClient.connect(ChatWar.BASE, "quiet-" + suffix);
        quiet.join(room);
        long before = api.closedWith(1001);
        try (RawSocket peer = RawSocket.handshakeAs(frozen, 0)) {
            long lastFrame = System.nanoTime();
            peer.sendText("{\"type\":\"join\",\"room\":\"" + room + "\"}");
            quiet.awaitInRoom(room, "presence", 1);

            // the peer never answers a ping, so the server hears nothing from it after its join
            JsonObject departure = ChatClient.waiting().atMost(SILENCE_LIMIT.plus(LATE_BY_AT_MOST))
                    .until(() -> quiet.inRoom(room, "presence"), presence -> presence.size() == 2).get(1);
            Duration silent = Duration.ofNanos(System.nanoTime() - lastFrame);
            assertTrue(silent.compareTo(SILENCE_LIMIT) >= 0, "cut off after " + silent.toMillis() + " ms of silence");
            assertEquals(frozen, departure.getString("user"));
            assertEquals("left", departure.getString("state"));
            // closed by the ping check, not the read timeout (1006)
            ChatClient.waiting().until(() -> api.closedWith(1001) == before + 1);
        }
        // the quiet client sent nothing since before the peer's join either: only its pongs kept it
        ChatClient.waiting().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(10)).until(quiet::isOpen);
        assertEquals(List.of(quiet.user()), api.present(room));
        assertEquals("ack", quiet.say(room, "still here").getString("type"));
        quiet.closeNormally();
    }
}
