package dev.chatwar.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The test server closes a connection silent for 20 s and pings every 5 s (see arquillian.xml). */
class IdleIT extends DeployedWar {

    private static final Duration READ_TIMEOUT = Duration.ofSeconds(20);


    @Test
    void aQuietClientThatAnswersPingsStaysWhileAFrozenPeerIsCutOff() {
        String room = "idle-" + suffix;
        String frozen = "frozen-" + suffix;
        ChatClient quiet = ChatClient.connect(ChatWar.BASE, "quiet-" + suffix);
        quiet.join(room);
        try (RawSocket peer = RawSocket.handshakeAs(frozen, 0)) {
            peer.sendText("{\"type\":\"join\",\"room\":\"" + room + "\"}");
            quiet.awaitInRoom(room, "presence", 1);

            // the peer never answers a ping, so the server hears nothing from it for the whole read timeout
            JsonObject departure = ChatClient.waiting().atMost(READ_TIMEOUT.multipliedBy(2))
                    .until(() -> quiet.inRoom(room, "presence"), presence -> presence.size() == 2).get(1);
            assertEquals(frozen, departure.getString("user"));
            assertEquals("left", departure.getString("state"));
        }
        // the quiet client sent nothing since before the peer's join either: only its pongs kept it
        ChatClient.waiting().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(10)).until(quiet::isOpen);
        assertEquals(List.of(quiet.user()), api.present(room));
        assertEquals("ack", quiet.say(room, "still here").getString("type"));
        quiet.closeNormally();
    }
}
