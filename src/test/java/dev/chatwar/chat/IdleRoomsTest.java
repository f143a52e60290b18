package dev.chatwar.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chatwar.base.RoomName;
import dev.chatwar.base.UserName;
import dev.chatwar.cluster.Cluster;
import dev.chatwar.connection.Connection;
import dev.chatwar.room.RoomAccess;
import dev.chatwar.support.InMemoryEventStore;
import dev.chatwar.support.InMemoryRoomDirectory;
import dev.chatwar.support.RecordingSink;
import dev.chatwar.support.TestSessions;
import jakarta.json.JsonObject;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/** Rooms nobody uses are dropped from memory, and nothing a room holds is lost to that, even mid-join. */
class IdleRoomsTest {

    private final InMemoryEventStore store = new InMemoryEventStore();
    private final List<Runnable> storing = new ArrayList<>();
    private final RoomAccess access = new RoomAccess(new InMemoryRoomDirectory(), Set.of());

    private record Client(Connection connection, RecordingSink sink) {
        List<JsonObject> messages(String room) {
            return sink.framesOfType("message").stream().filter(f -> f.getString("room").equals(room)).toList();
        }
    }

    private static Client connect(Chat chat, String user) {
        RecordingSink sink = new RecordingSink();
        return new Client(chat.open(TestSessions.of(user), "127.0.0.1", sink, null), sink);
    }

    private static void send(Chat chat, Client client, String frame) {
        chat.receive(client.connection(), frame).join();
    }

    @Test
    void anIdleRoomIsDroppedAtItsSecondIdleSweepAndContinuesItsSequenceWhenUsedAgain() {
        Chat chat = new Chat(store, access, Clock.systemUTC(), 1_000_000);
        Client alice = connect(chat, "alice");
        send(chat, alice, "{\"type\":\"join\",\"room\":\"r\"}");
        send(chat, alice, "{\"type\":\"send\",\"room\":\"r\",\"text\":\"one\"}");
        send(chat, alice, "{\"type\":\"leave\",\"room\":\"r\"}");
        assertEquals(2, chat.roomCount(), "the lobby and r");

        assertEquals(0, chat.evictIdleRooms(), "used since the last sweep");
        assertEquals(1, chat.evictIdleRooms(), "idle since the last sweep; the lobby, with alice in it, stays");
        assertEquals(1, chat.roomCount());
        assertEquals(List.of(new RoomName("r")), store.forgotten(), "the store's caches of r may go too");

        send(chat, alice, "{\"type\":\"join\",\"room\":\"r\"}");
        JsonObject joined = alice.sink().framesOfType("joined").get(2);
        assertEquals(1, joined.getInt("lastSeq"), "loaded again from the store");
        send(chat, alice, "{\"type\":\"send\",\"room\":\"r\",\"text\":\"two\"}");
        assertEquals(2, alice.messages("r").get(1).getInt("seq"));
    }

    @Test
    void aRoomWithSomeoneInItOrAMessageOnItsWayStays() {
        Chat chat = new Chat(store, access, Clock.systemUTC(), 1_000_000, Cluster.ALONE, 0,
                new Chat.Workers(storing::add, Runnable::run));
        Client bob = connect(chat, "bob");
        send(chat, bob, "{\"type\":\"join\",\"room\":\"occupied\"}");
        Client carol = connect(chat, "carol");
        chat.receive(carol.connection(), "{\"type\":\"join\",\"room\":\"sending\"}");
        CompletableFuture<?> sent = chat.receive(carol.connection(), "{\"type\":\"send\",\"room\":\"sending\",\"text\":\"hi\"}");
        chat.receive(carol.connection(), "{\"type\":\"leave\",\"room\":\"sending\"}");
        send(chat, bob, "{\"type\":\"leave\",\"room\":\"lobby\"}");
        send(chat, carol, "{\"type\":\"leave\",\"room\":\"lobby\"}");

        int evicted = 0;
        for (int sweep = 0; sweep < 3; sweep++) {
            evicted += chat.evictIdleRooms();
        }
        assertEquals(1, evicted, "the lobby, empty, went");
        assertEquals(2, chat.roomCount(), "the room with bob and the one with a message being stored stay");

        while (!storing.isEmpty()) {
            storing.remove(0).run();
        }
        sent.join();
        assertEquals(0, chat.evictIdleRooms(), "the message was delivered since the last sweep");
        assertEquals(1, chat.evictIdleRooms(), "now the room without anyone goes");
        assertEquals(1, chat.roomCount());
        CompletableFuture<?> again = chat.receive(bob.connection(),
                "{\"type\":\"send\",\"room\":\"occupied\",\"text\":\"still here\"}");
        storing.remove(0).run();
        again.join();
        assertEquals(1, bob.messages("occupied").size(), "bob is still in the room that stayed");
    }

    @Test
    void joinsAndMessagesRacingTheSweeperAllLandInTheRoomThatStays() throws Exception {
        Chat chat = new Chat(store, access, Clock.systemUTC(), 1_000_000);
        int users = 8;
        int rounds = 200;
        List<Client> clients = new ArrayList<>();
        for (int i = 0; i < users; i++) {
            clients.add(connect(chat, "u" + i));
        }
        AtomicBoolean sweeping = new AtomicBoolean(true);
        AtomicInteger evicted = new AtomicInteger();
        Thread sweeper = new Thread(() -> {
            while (sweeping.get()) {
                evicted.addAndGet(chat.evictIdleRooms());
                LockSupport.parkNanos(100_000); // thousands of sweeps a second, and a join can still finish
            }
        });
        sweeper.start();
        ExecutorService threads = Executors.newFixedThreadPool(users);
        try {
            for (int round = 0; round < rounds; round++) {
                String room = "hot" + round % 3;
                CountDownLatch start = new CountDownLatch(1);
                List<CompletableFuture<Void>> joins = new ArrayList<>();
                for (Client client : clients) {
                    joins.add(CompletableFuture.runAsync(() -> {
                        await(start);
                        send(chat, client, "{\"type\":\"join\",\"room\":\"" + room + "\"}");
                    }, threads));
                }
                start.countDown();
                CompletableFuture.allOf(joins.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);

                Client speaker = clients.get(round % users);
                send(chat, speaker, "{\"type\":\"send\",\"room\":\"" + room + "\",\"text\":\"round " + round + "\"}");
                for (Client client : clients) {
                    List<String> sent = client.sink().sent();
                    String said = "\"round " + round + "\"";
                    assertTrue(sent.subList(Math.max(0, sent.size() - 3 * users), sent.size()).stream()
                            .anyMatch(frame -> frame.contains("\"message\"") && frame.contains(said)),
                            client.connection().user() + " missed round " + round);
                }
                for (Client client : clients) {
                    send(chat, client, "{\"type\":\"leave\",\"room\":\"" + room + "\"}");
                }
            }
        } finally {
            sweeping.set(false);
            sweeper.join();
            threads.shutdownNow();
        }
        assertTrue(evicted.get() > 0, "the sweeper dropped rooms between rounds");
        for (String room : List.of("hot0", "hot1", "hot2")) {
            assertEquals(rounds / 3 + (room.equals("hot0") || room.equals("hot1") ? 1 : 0),
                    store.lastSeq(new RoomName(room)), room + ": one message each round, in one sequence");
        }
        assertTrue(clients.stream().allMatch(client -> client.connection().isOpen()));
        assertEquals(List.of(), chat.queries().present(new UserName("u0"), new RoomName("hot0")));
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
