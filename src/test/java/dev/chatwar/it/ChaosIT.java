package dev.chatwar.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Clients publish while their connections are dropped at random (a reset or a bare FIN, never a close
 * frame) and come back: they resume from the last seq they saw and resend what was not acked, with the
 * same clientId. In the end each one's view of the room must be the stored history, once and in order.
 */
class ChaosIT extends DeployedWar {

    private static final int CLIENTS = 8;
    private static final int MESSAGES_EACH = 40;
    private static final double DROP_CHANCE = 0.15;

    private final ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);

    @AfterEach
    void stopPool() {
        pool.shutdownNow();
    }

    @Test
    void clientsDroppedAtRandomEndWithTheStoredHistoryExactlyOnceAndInOrder() throws Exception {
        String room = "chaos-" + suffix;
        long seed = new Random().nextLong();
        List<ChaoticClient> clients = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            clients.add(new ChaoticClient("chaos" + c + "-" + suffix, room, new Random(seed + c)));
        }
        CompletableFuture.allOf(clients.stream()
                        .map(client -> CompletableFuture.runAsync(client::publishAll, pool))
                        .toArray(CompletableFuture[]::new))
                .get(120, TimeUnit.SECONDS);
        long total = (long) CLIENTS * MESSAGES_EACH;
        clients.forEach(client -> client.catchUpTo(total));

        List<JsonObject> stored = storedHistory(room);
        List<Long> storedIds = stored.stream().map(event -> event.getJsonNumber("id").longValue()).toList();
        assertEquals(total, stored.size(), "seed " + seed);
        for (ChaoticClient client : clients) {
            assertEquals(List.of(), client.violations, client.user + ", seed " + seed);
            assertEquals(LongStream.rangeClosed(1, total).boxed().toList(), client.seqs(), client.user);
            assertEquals(storedIds, client.ids(), client.user + " sees the stored history in its order");
            List<String> own = stored.stream().filter(event -> event.getString("user").equals(client.user))
                    .map(event -> event.getString("clientId")).toList();
            assertEquals(LongStream.range(0, MESSAGES_EACH).mapToObj(k -> client.user + "-" + k).toList(), own,
                    "each message of " + client.user + " stored once, in the order sent");
        }
        System.out.printf("ChaosIT: %d messages from %d clients, %d drops, %d resumes, %d resends answered"
                        + " as duplicates (seed %d)%n", total, CLIENTS,
                clients.stream().mapToInt(c -> c.drops).sum(), clients.stream().mapToInt(c -> c.resumes).sum(),
                clients.stream().mapToInt(c -> c.duplicateAcks).sum(), seed);
        clients.forEach(ChaoticClient::close);
        api.awaitConnections(0);
    }

    private List<JsonObject> storedHistory(String room) {
        List<JsonObject> all = new ArrayList<>();
        while (true) {
            List<JsonObject> page = api.history(room, "after=" + all.size() + "&limit=200");
            if (page.isEmpty()) {
                return all;
            }
            all.addAll(page);
        }
    }

    /** One user on a bare socket: sends with clientIds, drops its connection at random, resumes. */
    private static final class ChaoticClient {

        private static final JsonObject ENDED = Json.createObjectBuilder().add("type", "(ended)").build();

        final String user;
        final String room;
        final Random random;
        final List<JsonObject> seen = new ArrayList<>();
        final List<String> violations = new ArrayList<>();
        long lastSeq;
        int drops;
        int resumes;
        int duplicateAcks;
        private RawSocket socket;
        private BlockingQueue<JsonObject> inbox;

        ChaoticClient(String user, String room, Random random) {
            this.user = user;
            this.room = room;
            this.random = random;
        }

        void publishAll() {
            connect();
            int acked = 0;
            while (acked < MESSAGES_EACH) {
                String clientId = user + "-" + acked;
                socket.sendText(Json.createObjectBuilder().add("type", "send").add("room", room)
                        .add("text", "message " + acked + " of " + user).add("clientId", clientId)
                        .add("ref", clientId).build().toString());
                if (random.nextDouble() < DROP_CHANCE) {
                    drop(); // before the ack: stored or not, the resend with the same clientId settles it
                    continue;
                }
                Optional<JsonObject> answer = awaitFrame(frame -> clientId.equals(frame.getString("ref", null)));
                if (answer.isEmpty()) {
                    connect();
                    continue;
                }
                assertEquals("ack", answer.get().getString("type"), answer.get().toString());
                duplicateAcks += answer.get().getBoolean("duplicate", false) ? 1 : 0;
                acked++;
                if (random.nextDouble() < DROP_CHANCE) {
                    drop();
                }
            }
        }

        void catchUpTo(long total) {
            ChatClient.waiting().until(() -> {
                JsonObject frame = inbox.poll(10, TimeUnit.MILLISECONDS);
                if (frame != null) {
                    take(frame);
                }
                return lastSeq >= total;
            });
        }

        List<Long> seqs() {
            return seen.stream().map(message -> message.getJsonNumber("seq").longValue()).toList();
        }

        List<Long> ids() {
            return seen.stream().map(message -> message.getJsonNumber("id").longValue()).toList();
        }

        void close() {
            socket.close();
        }

        private void drop() {
            if (random.nextBoolean()) {
                socket.reset();
            } else {
                socket.close();
            }
            drops++;
            connect();
        }

        private void connect() {
            if (socket != null) {
                resumes++;
            }
            socket = RawSocket.handshakeAs(user, 0);
            assertEquals(101, socket.status());
            BlockingQueue<JsonObject> frames = new LinkedBlockingQueue<>();
            RawSocket reading = socket;
            Thread reader = new Thread(() -> {
                for (String text = reading.readText(); text != null; text = reading.readText()) {
                    try (var json = Json.createReader(new StringReader(text))) {
                        frames.add(json.readObject());
                    }
                }
                frames.add(ENDED);
            }, "reader-" + user);
            reader.setDaemon(true);
            reader.start();
            inbox = frames;
            socket.sendText(Json.createObjectBuilder().add("type", "join").add("room", room)
                    .add("after", lastSeq).add("ref", "join").build().toString());
            JsonObject joined = awaitFrame(frame -> "join".equals(frame.getString("ref", null))).orElse(null);
            assertNotNull(joined, user + " lost its connection while joining");
            assertFalse(joined.getBoolean("reset", false), "a resume within the replay limit is never reset");
        }

        private Optional<JsonObject> awaitFrame(Predicate<JsonObject> wanted) {
            while (true) {
                JsonObject frame;
                try {
                    frame = inbox.poll(ChatClient.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
                if (frame == null) {
                    throw new AssertionError(user + ": nothing received for " + ChatClient.TIMEOUT);
                }
                if (frame == ENDED) {
                    return Optional.empty();
                }
                take(frame);
                if (wanted.test(frame)) {
                    return Optional.of(frame);
                }
            }
        }

        // Every message of the room must come exactly once, right after the one before.
        private void take(JsonObject frame) {
            if (!"message".equals(frame.getString("type")) || !room.equals(frame.getString("room"))) {
                return;
            }
            long seq = frame.getJsonNumber("seq").longValue();
            if (seq != lastSeq + 1) {
                violations.add("after seq " + lastSeq + " came seq " + seq);
                return;
            }
            lastSeq = seq;
            seen.add(frame);
        }
    }
}
