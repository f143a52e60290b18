package dev.chatwar.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chatwar.base.RoomName;
import dev.chatwar.cluster.Cluster;
import dev.chatwar.connection.Connection;
import dev.chatwar.history.HistoryQuery;
import dev.chatwar.history.RoomEvent;
import dev.chatwar.room.RoomAccess;
import dev.chatwar.support.InMemoryEventStore;
import dev.chatwar.support.InMemoryRoomDirectory;
import dev.chatwar.support.RecordingSink;
import dev.chatwar.support.TestSessions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Messages on their way through the store's writer, which runs here only when the test lets it. */
class GroupCommitTest {

    private final InMemoryEventStore store = new InMemoryEventStore();
    private final List<Runnable> writer = new ArrayList<>();
    private final Chat chat = new Chat(store, new RoomAccess(new InMemoryRoomDirectory(), Set.of()), Clock.systemUTC(),
            1_000_000, Cluster.ALONE, 0, new Chat.Workers(writer::add, Runnable::run));

    private record Client(Connection connection, RecordingSink sink) {
        List<String> types(String room) {
            return sink.frames().stream().filter(f -> room.equals(f.getString("room", null))
                    || f.getString("type").equals("ack")).map(f -> f.getString("type")).toList();
        }
    }

    private Client joined(String user, String room) {
        RecordingSink sink = new RecordingSink();
        Connection connection = chat.open(TestSessions.of(user), "127.0.0.1", sink, null);
        chat.receive(connection, "{\"type\":\"join\",\"room\":\"" + room + "\"}");
        return new Client(connection, sink);
    }

    private CompletableFuture<?> say(Client client, String room, String text) {
        return chat.receive(client.connection(), "{\"type\":\"send\",\"room\":\"" + room + "\",\"text\":\"" + text
                + "\",\"ref\":\"" + text + "\"}");
    }

    private void runWriter() {
        while (!writer.isEmpty()) {
            writer.remove(0).run();
        }
    }

    @Test
    void aMessageIsPushedOnlyOnceItIsCommittedAndItsSendersNextRequestWaitsUntilThen() {
        Client alice = joined("alice", "r");
        Client bob = joined("bob", "r");

        CompletableFuture<?> sending = say(alice, "r", "hello");
        assertFalse(sending.isDone(), "the request is not over before the message is stored");
        assertEquals(List.of(), store.page(new RoomName("r"), HistoryQuery.newest(10)));
        assertFalse(bob.types("r").contains("message"), "nothing is pushed before the commit");

        runWriter();
        assertTrue(sending.isDone());
        assertEquals(1, store.page(new RoomName("r"), HistoryQuery.newest(10)).size());
        assertTrue(bob.types("r").contains("message"));
        List<String> own = alice.types("r");
        assertEquals(List.of("message", "ack"), own.subList(own.size() - 2, own.size()), "the event, then the ack");
    }

    @Test
    void messagesOfManyRoomsThatQueueMeanwhileShareOneCommitAndEachKeepsItsRoomsOrder() {
        List<Client> senders = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            senders.add(joined("user" + i, "room" + i % 5));
        }
        senders.forEach(sender -> say(sender, "room" + senders.indexOf(sender) % 5, "m" + senders.indexOf(sender)));
        int before = store.commits();

        runWriter();
        assertEquals(before + 1, store.commits(), "ten messages of five rooms, one transaction");
        for (int room = 0; room < 5; room++) {
            List<RoomEvent> events = store.page(new RoomName("room" + room), HistoryQuery.newest(10));
            assertEquals(List.of("m" + room, "m" + (room + 5)), events.stream().map(RoomEvent::text).toList());
            assertEquals(List.of(1L, 2L), events.stream().map(RoomEvent::seq).toList());
        }
        senders.forEach(sender -> assertTrue(sender.types("room" + senders.indexOf(sender) % 5).contains("ack")));
    }
}
