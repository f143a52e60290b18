package dev.chatwar.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import jakarta.websocket.CloseReason;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ConcurrentChatIT extends DeployedWar {

    private static final int USERS = 12;
    private static final int CONNECTIONS = 24;
    private static final int SENDERS = 6;
    private static final int MESSAGES_PER_SENDER = 25;

    private final ExecutorService pool = Executors.newFixedThreadPool(8);

    @AfterEach
    void stopPool() {
        pool.shutdownNow();
    }

    @Test
    void everyClientReceivesEveryRoomMessageOnceInTheSameSeqOrderAndClosesCleanly() throws Exception {
        String room = "crowd-" + suffix;
        long cleanClosesBefore = api.closedBy("closedByClient", 1000);

        // 12 users; the first four have three connections each, the rest one or two
        List<String> owners = new ArrayList<>();
        for (int i = 0; i < CONNECTIONS; i++) {
            owners.add("user" + (i < 12 ? i / 3 : 4 + (i - 12) % 8) + "-" + suffix);
        }
        List<ChatClient> clients = all(owners.stream()
                .map(user -> CompletableFuture.supplyAsync(() -> {
                    ChatClient client = ChatClient.connect(ChatWar.BASE, user);
                    assertEquals("joined", client.join(room).getString("type"));
                    return client;
                }, pool)).toList());
        assertEquals(USERS, clients.stream().map(ChatClient::user).distinct().count());
        assertEquals(USERS, api.present(room).size());

        // six senders, on connections of different users, publish at the same time
        List<ChatClient> senders = List.of(clients.get(0), clients.get(3), clients.get(6), clients.get(12),
                clients.get(13), clients.get(20));
        JsonObject storeBefore = api.stats().getJsonObject("store");
        List<JsonObject> acks = all(senders.stream()
                .map(sender -> CompletableFuture.supplyAsync(() -> {
                    List<JsonObject> mine = new ArrayList<>();
                    for (int m = 0; m < MESSAGES_PER_SENDER; m++) {
                        mine.add(sender.say(room, sender.user() + " says " + m));
                    }
                    return mine;
                }, pool)).toList()).stream().flatMap(List::stream).toList();
        assertTrue(acks.stream().allMatch(ack -> ack.getString("type").equals("ack")), "every send is acked");

        int total = SENDERS * MESSAGES_PER_SENDER;
        JsonObject storeAfter = api.stats().getJsonObject("store");
        long appends = storeAfter.getJsonNumber("appends").longValue() - storeBefore.getJsonNumber("appends").longValue();
        long commits = storeAfter.getJsonNumber("commits").longValue() - storeBefore.getJsonNumber("commits").longValue();
        assertEquals(total, appends, "every message went through the store's writer once");
        assertTrue(commits >= 1 && commits <= appends, commits + " commits");
        System.out.printf("ConcurrentChatIT: %d messages of %d concurrent senders in %d commits (%.1f a commit)%n",
                appends, SENDERS, commits, (double) appends / commits);
        List<Long> expectedSeqs = LongStream.rangeClosed(1, total).boxed().toList();
        List<Long> referenceOrder = ids(clients.get(0).awaitInRoom(room, "message", total));
        for (ChatClient client : clients) {
            List<JsonObject> messages = client.awaitInRoom(room, "message", total);
            assertEquals(total, messages.size(), client.user() + " received a message twice");
            assertEquals(expectedSeqs, seqs(messages), "dense seq in order for " + client.user());
            assertEquals(referenceOrder, ids(messages), "same order for everyone");
            for (JsonObject message : messages) {
                assertEquals(message.getString("user").equals(client.user()), message.getBoolean("own"));
            }
        }
        assertEquals(expectedSeqs, acks.stream().map(ack -> ack.getJsonNumber("seq").longValue()).sorted().toList());

        List<CloseReason> closes = all(clients.stream()
                .map(client -> CompletableFuture.supplyAsync(client::leaveAndClose, pool)).toList());
        assertTrue(closes.stream().allMatch(reason -> reason.getCloseCode() == CloseReason.CloseCodes.NORMAL_CLOSURE));
        api.awaitConnections(0);
        assertEquals(cleanClosesBefore + CONNECTIONS, api.closedBy("closedByClient", 1000), () -> "the server saw 1000 from every client: " + api.stats());
        assertEquals(List.of(), api.present(room));
        assertEquals(List.of(), api.present("lobby"));
    }

    private static <T> List<T> all(List<CompletableFuture<T>> futures) throws Exception {
        CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new))
                .get(ChatClient.TIMEOUT.toSeconds() * 2, TimeUnit.SECONDS);
        return futures.stream().map(CompletableFuture::join).toList();
    }

    private static List<Long> seqs(List<JsonObject> messages) {
        return messages.stream().map(m -> m.getJsonNumber("seq").longValue()).toList();
    }

    private static List<Long> ids(List<JsonObject> messages) {
        return messages.stream().map(m -> m.getJsonNumber("id").longValue()).toList();
    }
}
