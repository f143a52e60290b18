package dev.chatwar.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class SlowConsumerIT extends DeployedWar {

    /** Enough to fill the stalled peer's socket buffers and its 1 MiB outbox many times over. */
    private static final int MAX_MESSAGES = 5_000;


    /**
     * The server drops a peer that stops reading when its outbox overflows (4008) or, if filling it takes longer,
     * when a frame has waited {@code 3 x chat.ping.interval} to be taken (1001): on a slow machine (Payara on a
     * loaded CI runner) the second can come first. Either way it is the server's decision, and the others miss
     * nothing.
     */
    @Test
    void aPeerThatStopsReadingIsClosedWith4008AndTheOthersMissNothing() {
        String room = "slow-" + suffix;
        String sloth = "sloth-" + suffix;
        ChatClient fast = ChatClient.connect(ChatWar.BASE, "fast-" + suffix);
        fast.join(room);
        // several publishers, so that none of them runs into the message rate limit
        List<ChatClient> publishers = IntStream.range(0, 3)
                .mapToObj(i -> ChatClient.connect(ChatWar.BASE, "publisher" + i + "-" + suffix)).toList();
        publishers.forEach(publisher -> publisher.join(room));
        String text = "y".repeat(3_900);
        int sent = 0;
        long overflowsBefore = api.closedWith(4008);
        long silentBefore = api.closedWith(1001);
        long decidedBefore = api.closedBy("closedByServer", 4008) + api.closedBy("closedByServer", 1001);
        try (RawSocket stalled = RawSocket.handshakeAs(sloth, 4096)) {
            stalled.sendText("{\"type\":\"join\",\"room\":\"" + room + "\"}");
            fast.awaitInRoom(room, "presence", 1 + publishers.size());
            // the stalled peer never reads: publish until the server gives up on it
            while (api.present(room).contains(sloth) && sent < MAX_MESSAGES) {
                ChatClient publisher = publishers.get(sent / 100 % publishers.size());
                assertEquals("ack", publisher.sayMany(room, text, 100).getString("type"));
                sent += 100;
            }
            assertTrue(!api.present(room).contains(sloth), "the stalled peer was dropped after " + sent);
            ChatClient.waiting().until(() -> api.closedWith(4008) - overflowsBefore
                    + api.closedWith(1001) - silentBefore == 1);
            assertEquals(decidedBefore + 1, api.closedBy("closedByServer", 4008) + api.closedBy("closedByServer", 1001),
                    "counted as the server's close, as the slow-consumer metric reads it");
            System.out.printf("SlowConsumerIT: the stalled peer was closed with %s after %d messages%n",
                    api.closedWith(4008) > overflowsBefore ? "4008 (outbox overflow)" : "1001 (frames not taken)", sent);
            api.awaitConnections(1 + publishers.size());
        }

        List<JsonObject> received = fast.awaitInRoom(room, "message", sent);
        assertEquals(LongStream.rangeClosed(1, sent).boxed().toList(),
                received.stream().map(m -> m.getJsonNumber("seq").longValue()).toList());
        JsonObject departure = fast.inRoom(room, "presence").stream()
                .filter(presence -> presence.getString("user").equals(sloth)).toList().get(1);
        assertEquals(sloth, departure.getString("user"));
        assertEquals("left", departure.getString("state"));
        assertTrue(fast.isOpen());
        publishers.forEach(ChatClient::leaveAndClose);
        fast.leaveAndClose();
        api.awaitConnections(0);
    }
}
