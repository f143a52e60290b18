package dev.chatwar.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ResumeIT extends DeployedWar {

    private static final int PUBLISHERS = 3;
    private static final int BATCHES = 20;
    private static final int BATCH = 10;

    private final ExecutorService pool = Executors.newFixedThreadPool(PUBLISHERS);
    private int retriedHandshakes;

    @AfterEach
    void stopPool() {
        pool.shutdownNow();
    }

    @Test
    void aClientThatReconnectsAgainAndAgainWhileOthersPublishMissesNothingAndSeesNothingTwice() throws Exception {
        String room = "resume-" + suffix;
        List<ChatClient> publishers = new ArrayList<>();
        for (int p = 0; p < PUBLISHERS; p++) {
            ChatClient publisher = ChatClient.connect(ChatWar.BASE, "pub" + p + "-" + suffix);
            publisher.join(room);
            publishers.add(publisher);
        }
        List<CompletableFuture<Void>> publishing = publishers.stream().map(publisher -> CompletableFuture.runAsync(() -> {
            for (int b = 0; b < BATCHES; b++) {
                assertEquals("ack", publisher.sayMany(room, "from " + publisher.user(), BATCH).getString("type"));
            }
        }, pool)).toList();

        String reader = "reader-" + suffix;
        List<Long> seen = new ArrayList<>();
        int reconnects = 0;
        ChatClient client = ChatClient.connect(ChatWar.BASE, reader);
        client.join(room, 0);
        while (!publishing.stream().allMatch(CompletableFuture::isDone)) {
            // read for a moment, then drop the connection and come back from the last seq seen
            client.awaitInRoom(room, "message", 5);
            client.closeNormally();
            seen.addAll(seqs(client.inRoom(room, "message")));
            client = reconnect(reader);
            JsonObject joined = client.join(room, seen.get(seen.size() - 1));
            assertEquals(joined.getInt("lastSeq") - seen.get(seen.size() - 1), joined.getInt("replayed"));
            reconnects++;
        }
        CompletableFuture.allOf(publishing.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        int total = PUBLISHERS * BATCHES * BATCH;
        client.awaitInRoom(room, "message", total - seen.size());
        seen.addAll(seqs(client.inRoom(room, "message")));

        System.out.printf("ResumeIT: %d messages from %d publishers, %d reconnects of the reader, %d retried%n",
                total, PUBLISHERS, reconnects, retriedHandshakes);
        assertTrue(reconnects >= 2, "the reader reconnected " + reconnects + " times while messages flowed");
        assertEquals(LongStream.rangeClosed(1, total).boxed().toList(), seen,
                "every message once, in order, across " + reconnects + " reconnects");
        client.closeNormally();
        publishers.forEach(ChatClient::leaveAndClose);
    }

    @Test
    void theLobbyResumesFromTheSeqNamedInTheHandshake() {
        ChatClient writer = ChatClient.connect(ChatWar.BASE, "writer-" + suffix);
        long before = writer.say("lobby", "one").getJsonNumber("seq").longValue();
        writer.say("lobby", "two");
        writer.say("lobby", "three");

        ChatClient returning = ChatClient.connect(ChatWar.BASE, "returning-" + suffix, before);

        JsonObject joined = returning.inRoom("lobby", "joined").get(0);
        assertEquals(2, joined.getInt("replayed"));
        assertEquals(List.of("two", "three"), returning.awaitInRoom("lobby", "message", 2).stream()
                .map(message -> message.getString("text")).toList());
        try (RawSocket refused = RawSocket.handshake(ChatWar.BASE, "?after=-1", 0)) {
            assertEquals(400, refused.status());
        }
        writer.leaveAndClose();
        returning.leaveAndClose();
    }

    /**
     * Connects again as a returning client does: a handshake that fails is tried once more (chat-client.js keeps
     * trying). Payara answered 2 of some 500 such handshakes in CI with a bare 200 (cause not found; the failure
     * prints the answer's headers), so a retry is counted and printed, not hidden.
     */
    private ChatClient reconnect(String reader) {
        try {
            return ChatClient.connect(ChatWar.BASE, reader);
        } catch (IllegalStateException failed) {
            retriedHandshakes++;
            System.out.printf("ResumeIT: a reconnect failed, trying again: %s (%s)%n", failed.getMessage(),
                    failed.getCause());
            return ChatClient.connect(ChatWar.BASE, reader);
        }
    }

    private static List<Long> seqs(List<JsonObject> messages) {
        return messages.stream().map(message -> message.getJsonNumber("seq").longValue()).toList();
    }
}
