package dev.chatwar.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chatwar.load.ServerProcess;
import jakarta.json.JsonObject;
import jakarta.websocket.CloseReason;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BadInputIT extends DeployedWar {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "this is not json                               | malformed_json | ",
            "{\"type\":\"dance\",\"ref\":\"r1\"}            | unknown_type   | r1",
            "{\"room\":\"lobby\",\"ref\":\"r2\"}            | missing_field  | r2",
            "{\"type\":\"send\",\"room\":\"lobby\",\"ref\":\"r3\"} | missing_field | r3",
            "{\"type\":\"join\",\"room\":\"no spaces\",\"ref\":\"r4\"} | invalid_field | r4",
            "{\"type\":\"retract\",\"id\":\"seven\",\"ref\":\"r5\"} | invalid_field | r5",
            "{\"type\":\"send\",\"room\":\"elsewhere\",\"text\":\"hi\",\"ref\":\"r6\"} | not_in_room | r6",
    })
    void aBadRequestGetsAnErrorFrameWithItsCodeAndRefAndTheConnectionGoesOn(String frame, String code, String ref) {
        ChatClient client = ChatClient.connect(ChatWar.BASE, "bad-" + suffix);
        client.sendRaw(frame.strip());

        JsonObject error = client.await(f -> f.getString("type").equals("error"));
        assertEquals(code, error.getString("code"));
        assertEquals(ref, error.getString("ref", null));
        assertEquals("ack", client.say("lobby", "still here").getString("type"), "the connection survives");
        client.closeNormally();
    }

    @Test
    void aFrameOverTheSizeLimitClosesWith1009() {
        ChatClient client = ChatClient.connect(ChatWar.BASE, "big-" + suffix);
        try {
            client.sendRaw("{\"type\":\"send\",\"room\":\"lobby\",\"text\":\"" + "x".repeat(70_000) + "\"}");
        } catch (RuntimeException closedWhileSending) {
            // the server may close before the client has finished writing the frame; Tyrus then fails the send
        }
        assertEquals(CloseReason.CloseCodes.TOO_BIG, client.awaitClose().getCloseCode());
        api.awaitConnections(0);
    }

    @Test
    void aMessageOverTheSizeLimitInFragmentsClosesWith1009() {
        try (RawSocket raw = RawSocket.handshakeAs("fragments-" + suffix, 0)) {
            byte[] fragment = "x".repeat(20_000).getBytes(StandardCharsets.US_ASCII);
            raw.sendFragmented("{\"type\":\"send\",\"room\":\"lobby\",\"text\":\"".getBytes(StandardCharsets.US_ASCII),
                    fragment, fragment, fragment, fragment, "\"}".getBytes(StandardCharsets.US_ASCII));
            assertEquals(1009, raw.awaitCloseCode());
        }
        api.awaitConnections(0);
    }

    @Test
    void aFrameClaimingExabytesIsNeverHeldInMemoryAndItsConnectionEnds() {
        ServerProcess server = ServerProcess.matching(System.getProperty("chat.it.server-home"));
        long before = server.liveHeapBytes().orElseThrow();
        try (RawSocket raw = RawSocket.handshakeAs("exabytes-" + suffix, 0)) {
            long start = System.nanoTime();
            raw.sendTextHead(Long.MAX_VALUE);
            long taken = raw.streamPayload(64L << 20);
            long during = server.liveHeapBytes().orElseThrow();
            int code = raw.awaitCloseCode();
            System.out.printf("BadInputIT: a frame head claiming 2^63-1 bytes, then %,d bytes of it taken; live heap %,d KiB"
                    + " before, %,d KiB after them; closed with %d after %.1f s%n", taken, before / 1024, during / 1024,
                    code, (System.nanoTime() - start) / 1e9);
            assertTrue(during - before < 16L << 20, "live heap grew by " + (during - before) / 1024 + " KiB");
            // the endpoint takes text in parts and closes with 1009 at the limit; Tyrus (Payara) may fail the
            // frame with 1011 first, once it has read a few MB of it
            assertTrue(code == 1009 || code == 1011, "closed with " + code);
        }
        try (RawSocket raw = RawSocket.handshakeAs("sign-bit-" + suffix, 0)) {
            raw.sendTextHead(Long.MIN_VALUE); // 2^63: RFC 6455 says the most significant bit must be 0
            int code = raw.awaitCloseCode();
            System.out.printf("BadInputIT: a frame head claiming 2^63 bytes: closed with %d%n", code);
            // Undertow (WildFly) does not check that bit and waits for a payload that never comes: nothing is
            // held, and the ping check closes the silent connection with 1001 (docs/servers.md)
            boolean undertow = "wildfly".equals(ChatWar.SERVER);
            assertTrue(code == 1002 || code == 1009 || code == 1011 || undertow && code == 1001, "closed with " + code);
        }
        api.awaitConnections(0);
    }

    @Test
    void aTextFrameOfInvalidUtf8ClosesWith1007() {
        try (RawSocket raw = RawSocket.handshakeAs("utf8-" + suffix, 0)) {
            byte[] prefix = "{\"type\":\"send\",\"room\":\"lobby\",\"text\":\"".getBytes(StandardCharsets.US_ASCII);
            byte[] invalid = {(byte) 0xc3, (byte) 0x28, '"', '}'};
            byte[] frame = new byte[prefix.length + invalid.length];
            System.arraycopy(prefix, 0, frame, 0, prefix.length);
            System.arraycopy(invalid, 0, frame, prefix.length, invalid.length);
            raw.sendTextBytes(frame);
            assertEquals(1007, raw.awaitCloseCode());
        }
        api.awaitConnections(0);
    }

    @Test
    void aBinaryFrameClosesWith1003() {
        ChatClient client = ChatClient.connect(ChatWar.BASE, "binary-" + suffix);
        try (RawSocket raw = RawSocket.handshakeAs("binary-" + suffix, 0)) {
            assertEquals(101, raw.status());
            long before = api.closedWith(1003);
            raw.sendBinary(new byte[] {1, 2, 3});
            ChatClient.waiting().until(() -> api.closedWith(1003) == before + 1);
        }
        client.closeNormally();
        api.awaitConnections(0);
    }

    @Test
    void aHandshakeFromAPageOfAForeignOriginIsRefusedWith403() {
        try (RawSocket foreign = RawSocket.handshakeAs("mallory", 0, "Origin: http://evil.example\r\n")) {
            assertEquals(403, foreign.status());
        }
        String own = "http://" + ChatWar.BASE.getHost() + ":" + ChatWar.BASE.getPort();
        try (RawSocket sameOrigin = RawSocket.handshakeAs("page-" + suffix, 0, "Origin: " + own + "\r\n")) {
            assertEquals(101, sameOrigin.status());
        }
        api.awaitConnections(0);
    }

    @Test
    void aUserHoldingTwentyConnectionsIsRefusedATwentyFirstWith429() {
        String user = "busy-" + suffix;
        List<ChatClient> tabs = IntStream.range(0, 20).mapToObj(i -> ChatClient.connect(ChatWar.BASE, user)).toList();
        try (RawSocket oneMore = RawSocket.handshakeAs(user, 0)) {
            assertEquals(429, oneMore.status());
        }
        tabs.get(0).closeNormally();
        api.awaitConnections(19);
        ChatClient again = ChatClient.connect(ChatWar.BASE, user);
        again.closeNormally();
        tabs.subList(1, 20).forEach(ChatClient::closeNormally);
        api.awaitConnections(0);
    }

    @Test
    void anAbruptDisconnectRemovesTheConnectionAndItsPresence() {
        String room = "abrupt-" + suffix;
        String ghost = "ghost-" + suffix;
        ChatClient witness = ChatClient.connect(ChatWar.BASE, "witness-" + suffix);
        witness.join(room);
        try (RawSocket raw = RawSocket.handshakeAs(ghost, 0)) {
            assertEquals(101, raw.status());
            raw.sendText("{\"type\":\"join\",\"room\":\"" + room + "\"}");
            witness.awaitInRoom(room, "presence", 1);
            assertEquals(List.of(witness.user(), ghost), api.present(room));
        } // closed without a close frame

        JsonObject departure = witness.awaitInRoom(room, "presence", 2).get(1);
        assertEquals(ghost, departure.getString("user"));
        assertEquals("left", departure.getString("state"));
        assertEquals(List.of(witness.user()), api.present(room));
        api.awaitConnections(1);
        witness.closeNormally();
    }
}
