package dev.chatwar.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chatwar.base.ChatException;
import dev.chatwar.base.ErrorCode;
import dev.chatwar.base.MessageText;
import dev.chatwar.base.RoomName;
import dev.chatwar.base.UserName;
import dev.chatwar.connection.Connection;
import dev.chatwar.history.HistoryQuery;
import dev.chatwar.protocol.CloseCodes;
import dev.chatwar.protocol.Request;
import dev.chatwar.room.Room;
import dev.chatwar.room.RoomAccess;
import dev.chatwar.support.InMemoryEventStore;
import dev.chatwar.support.InMemoryRoomDirectory;
import dev.chatwar.support.RecordingSink;
import dev.chatwar.support.TestClock;
import dev.chatwar.support.TestSessions;
import jakarta.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class ChatTest {

    private static final RoomName ROOM = new RoomName("r");
    private static final UserName READER = new UserName("reader");
    private static final UserName MODERATOR = new UserName("mod");

    private final InMemoryEventStore store = new InMemoryEventStore();
    private final Chat chat = new Chat(store, access(), Clock.systemUTC(), 1_000_000);

    private static RoomAccess access() {
        return new RoomAccess(new InMemoryRoomDirectory(), Set.of(MODERATOR));
    }

    private record Client(Connection connection, RecordingSink sink) {
        List<JsonObject> inRoom(String type) {
            return sink.framesOfType(type).stream().filter(f -> f.getString("room").equals(ROOM.value())).toList();
        }

        JsonObject last() {
            List<JsonObject> frames = sink.frames();
            return frames.get(frames.size() - 1);
        }
    }

    private Client connect(String user) {
        RecordingSink sink = new RecordingSink();
        return new Client(chat.open(TestSessions.of(user), "127.0.0.1", sink, null), sink);
    }

    private Client connectTo(String user) {
        Client client = connect(user);
        chat.receive(client.connection(), "{\"type\":\"join\",\"room\":\"r\"}");
        return client;
    }

    private void say(Client client, String text) {
        chat.receive(client.connection(), "{\"type\":\"send\",\"room\":\"r\",\"text\":\"" + text + "\",\"ref\":\"" + text + "\"}");
    }

    @Test
    void aNewConnectionIsWelcomedAndJoinsTheLobby() {
        Client alice = connect("alice");
        List<JsonObject> frames = alice.sink().frames();
        assertEquals("welcome", frames.get(0).getString("type"));
        assertEquals("alice", frames.get(0).getString("user"));
        assertEquals("joined", frames.get(1).getString("type"));
        assertEquals("lobby", frames.get(1).getString("room"));
    }

    @Test
    void everyConnectionSeesTheRoomsMessagesInSeqOrderMarkedOwnForItsAuthor() {
        Client alice = connectTo("alice");
        Client aliceTab = connectTo("alice");
        Client bob = connectTo("bob");

        say(alice, "one");
        say(bob, "two");
        say(alice, "three");

        for (Client client : List.of(alice, aliceTab, bob)) {
            List<JsonObject> messages = client.inRoom("message");
            assertEquals(List.of("one", "two", "three"), messages.stream().map(m -> m.getString("text")).toList());
            assertEquals(List.of(1L, 2L, 3L), messages.stream().map(m -> m.getJsonNumber("seq").longValue()).toList());
            for (JsonObject message : messages) {
                boolean mine = message.getString("user").equals(client.connection().user().value());
                assertEquals(mine, message.getBoolean("own"));
            }
        }
        JsonObject ack = alice.last();
        assertEquals("ack", ack.getString("type"));
        assertEquals("three", ack.getString("ref"));
        assertEquals(3, ack.getInt("seq"));
        assertTrue(aliceTab.sink().framesOfType("ack").isEmpty(), "only the sending connection gets the ack");
    }

    @Test
    void concurrentSendersProduceOneDenseSequenceThatEveryoneSeesInTheSameOrder() throws Exception {
        List<Client> clients = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            clients.add(connectTo("u" + (i % 4)));
        }
        ExecutorService senders = Executors.newFixedThreadPool(4);
        List<Future<?>> done = new ArrayList<>();
        for (int s = 0; s < 4; s++) {
            Client sender = clients.get(s);
            done.add(senders.submit(() -> {
                for (int m = 0; m < 250; m++) {
                    say(sender, sender.connection().id() + "-" + m);
                }
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        senders.shutdown();

        List<Long> expectedSeqs = LongStream.rangeClosed(1, 1000).boxed().toList();
        List<Long> firstOrder = clients.get(0).inRoom("message").stream().map(m -> m.getJsonNumber("id").longValue()).toList();
        for (Client client : clients) {
            List<JsonObject> messages = client.inRoom("message");
            assertEquals(expectedSeqs, messages.stream().map(m -> m.getJsonNumber("seq").longValue()).toList());
            assertEquals(firstOrder, messages.stream().map(m -> m.getJsonNumber("id").longValue()).toList());
        }
    }

    @Test
    void aUserWithSeveralConnectionsIsPresentOnceAndLeavesWithItsLastConnection() {
        Client bob = connectTo("bob");
        Client alice1 = connectTo("alice");
        Client alice2 = connectTo("alice");

        assertEquals(List.of(new UserName("bob"), new UserName("alice")), chat.queries().present(READER, ROOM));
        List<JsonObject> presence = bob.inRoom("presence");
        assertEquals(1, presence.size(), "alice's second tab is not a second arrival");
        assertEquals("joined", presence.get(0).getString("state"));

        chat.closed(alice1.connection(), 1000);
        assertEquals(1, bob.inRoom("presence").size());
        chat.receive(alice2.connection(), "{\"type\":\"leave\",\"room\":\"r\",\"ref\":\"bye\"}");

        presence = bob.inRoom("presence");
        assertEquals(2, presence.size());
        assertEquals("alice", presence.get(1).getString("user"));
        assertEquals("left", presence.get(1).getString("state"));
        assertEquals(List.of(new UserName("bob")), chat.queries().present(READER, ROOM));
        assertEquals("left", alice2.last().getString("type"));
        assertEquals("bye", alice2.last().getString("ref"));
    }

    @Test
    void theJoinedReplyTellsTheHeadOfTheRoomAndWhoIsThere() {
        Client alice = connectTo("alice");
        say(alice, "before");
        Client bob = connectTo("bob");

        JsonObject joined = bob.inRoom("joined").get(0);
        assertEquals(1, joined.getInt("lastSeq"));
        assertEquals(List.of("alice", "bob"), joined.getJsonArray("present").getValuesAs(jakarta.json.JsonString.class)
                .stream().map(jakarta.json.JsonString::getString).toList());
        assertTrue(bob.inRoom("message").isEmpty(), "a member sees the events after lastSeq, not before");
    }

    @Test
    void sendingToARoomNotJoinedIsRefusedAndTheConnectionGoesOn() {
        Client alice = connect("alice");
        say(alice, "hello");
        JsonObject error = alice.last();
        assertEquals("error", error.getString("type"));
        assertEquals("not_in_room", error.getString("code"));
        assertEquals("hello", error.getString("ref"));

        chat.receive(alice.connection(), "{\"type\":\"join\",\"room\":\"r\"}");
        say(alice, "hello");
        assertEquals(1, alice.inRoom("message").size());
    }

    @Test
    void onlyTheAuthorRetractsAndTheRoomSeesTheRetractionAsAnEvent() {
        Client alice = connectTo("alice");
        Client bob = connectTo("bob");
        say(alice, "oops");
        long id = alice.inRoom("message").get(0).getJsonNumber("id").longValue();

        chat.receive(bob.connection(), "{\"type\":\"retract\",\"id\":" + id + ",\"ref\":\"b\"}");
        assertEquals("not_your_message", bob.last().getString("code"));

        chat.receive(alice.connection(), "{\"type\":\"retract\",\"id\":" + id + ",\"ref\":\"a\"}");
        JsonObject retracted = bob.inRoom("retracted").get(0);
        assertEquals(id, retracted.getJsonNumber("messageId").longValue());
        assertEquals(2, retracted.getInt("seq"));
        assertFalse(retracted.getBoolean("own"));
        assertEquals("ack", alice.last().getString("type"));

        chat.receive(alice.connection(), "{\"type\":\"retract\",\"id\":" + id + "}");
        assertEquals("already_retracted", alice.last().getString("code"));
        chat.receive(alice.connection(), "{\"type\":\"retract\",\"id\":999}");
        assertEquals("not_found", alice.last().getString("code"));

        var tombstone = chat.queries().history(READER, ROOM, HistoryQuery.newest(10)).events().get(0);
        assertTrue(tombstone.retracted());
        assertEquals(null, tombstone.text());
    }

    @Test
    void aSlowConsumerIsClosedAndRemovedWhileTheOthersGetEverything() {
        Chat small = new Chat(store, access(), Clock.systemUTC(), 2_000);
        RecordingSink stuck = RecordingSink.holding();
        Connection slow = small.open(TestSessions.of("slow"), "127.0.0.1", stuck, null);
        small.receive(slow, "{\"type\":\"join\",\"room\":\"r\"}");
        RecordingSink fastSink = new RecordingSink();
        Connection fast = small.open(TestSessions.of("fast"), "127.0.0.1", fastSink, null);
        small.receive(fast, "{\"type\":\"join\",\"room\":\"r\"}");

        for (int i = 0; i < 50; i++) {
            small.receive(fast, "{\"type\":\"send\",\"room\":\"r\",\"text\":\"message number " + i + "\"}");
        }

        assertEquals(CloseCodes.SLOW_CONSUMER, stuck.closeCode());
        assertEquals(List.of(new UserName("fast")), small.queries().present(READER, ROOM));
        assertEquals(1, small.connections().connectionCount());
        assertEquals(Map.of(CloseCodes.SLOW_CONSUMER, 1L), small.connections().closeCodeCounts());
        assertEquals(Map.of(CloseCodes.SLOW_CONSUMER, 1L), small.connections().serverCloseCodeCounts(),
                "the server decided it");
        assertEquals(50, fastSink.framesOfType("message").size());
        assertEquals("left", fastSink.framesOfType("presence").get(1).getString("state"));
    }

    @Test
    void aStoreFailureStoresNothingAndTheNextMessageTakesTheFreeSeq() {
        Client alice = connectTo("alice");
        store.failing(true);
        say(alice, "lost");
        assertEquals("server_error", alice.last().getString("code"));
        assertEquals("lost", alice.last().getString("ref"));

        store.failing(false);
        say(alice, "kept");
        assertEquals(1, alice.inRoom("message").get(0).getInt("seq"));
    }

    @Test
    void aRoomContinuesItsStoredSequenceAfterARestart() {
        say(connectTo("alice"), "first");
        Chat restarted = new Chat(store, access(), Clock.systemUTC(), 1_000_000);
        var event = restarted.publish(new UserName("bob"), new Request.Send(ROOM, new MessageText("second"), null, null));
        assertEquals(2, event.join().event().seq());
    }

    @Test
    void aClosedConnectionLeavesEveryRoomAndTheRegistry() {
        Client alice = connectTo("alice");
        Client bob = connectTo("bob");
        chat.closed(alice.connection(), 1006);
        chat.closed(alice.connection(), 1006);

        assertEquals(List.of(new UserName("bob")), chat.queries().present(READER, ROOM));
        assertEquals(List.of(new UserName("bob")), chat.queries().present(READER, RoomName.LOBBY));
        assertEquals(1, chat.connections().connectionCount());
        assertEquals(Map.of(1006, 1L), chat.connections().closeCodeCounts());
    }

    @Test
    void pingsGoToEveryConnectionAndOnesThatPileUpOnAStuckPeerDropIt() {
        Chat small = new Chat(store, access(), Clock.systemUTC(), 300);
        RecordingSink liveSink = new RecordingSink();
        small.open(TestSessions.of("live"), "127.0.0.1", liveSink, null);
        RecordingSink stuck = RecordingSink.holding();
        small.open(TestSessions.of("stuck"), "127.0.0.1", stuck, null);

        small.pingAll();
        assertTrue(liveSink.sent().contains(RecordingSink.PING));
        for (int i = 0; i < 100 && stuck.closeCode() == 0; i++) {
            small.pingAll();
        }

        assertEquals(CloseCodes.SLOW_CONSUMER, stuck.closeCode());
        assertEquals(1, small.connections().connectionCount());
        assertEquals(List.of(new UserName("live")), small.queries().present(READER, RoomName.LOBBY));
    }

    @Test
    void aHistoryRequestAnswersAPageMarkedOwnForTheReader() {
        Client alice = connectTo("alice");
        Client bob = connectTo("bob");
        say(alice, "one");
        say(bob, "two");
        say(alice, "three");

        chat.receive(bob.connection(), "{\"type\":\"history\",\"room\":\"r\",\"before\":3,\"limit\":5,\"ref\":\"h\"}");

        JsonObject page = bob.last();
        assertEquals("history", page.getString("type"));
        assertEquals("h", page.getString("ref"));
        List<JsonObject> events = page.getJsonArray("events").getValuesAs(JsonObject.class);
        assertEquals(List.of("one", "two"), events.stream().map(e -> e.getString("text")).toList());
        assertEquals(List.of(false, true), events.stream().map(e -> e.getBoolean("own")).toList());
    }

    @Test
    void aSendRepeatedWithTheSameClientIdIsStoredOnceAndAnsweredAgain() {
        Client alice = connectTo("alice");
        Client bob = connectTo("bob");
        String send = "{\"type\":\"send\",\"room\":\"r\",\"text\":\"once\",\"clientId\":\"m-1\",\"ref\":\"a\"}";
        chat.receive(alice.connection(), send);
        JsonObject first = alice.last();

        Client aliceAgain = connectTo("alice");
        chat.receive(aliceAgain.connection(), send);
        JsonObject retry = aliceAgain.last();

        assertEquals("ack", retry.getString("type"));
        assertEquals(first.getJsonNumber("id"), retry.getJsonNumber("id"));
        assertEquals(first.getInt("seq"), retry.getInt("seq"));
        assertTrue(retry.getBoolean("duplicate"));
        assertFalse(first.containsKey("duplicate"));
        assertEquals(1, bob.inRoom("message").size(), "the retry is not pushed again");
        assertEquals("m-1", bob.inRoom("message").get(0).getString("clientId"));
        assertEquals(1, chat.queries().history(READER, ROOM, HistoryQuery.newest(10)).events().size());
    }

    @Test
    void aJoinThatNamesTheLastSeqSeenReplaysWhatWasMissedBeforeAnythingNewer() {
        Client alice = connectTo("alice");
        for (int i = 1; i <= 5; i++) {
            say(alice, "m" + i);
        }
        Client bob = connect("bob");
        chat.receive(bob.connection(), "{\"type\":\"join\",\"room\":\"r\",\"after\":2,\"ref\":\"j\"}");
        say(alice, "m6");

        JsonObject joined = bob.inRoom("joined").get(0);
        assertEquals(5, joined.getInt("lastSeq"));
        assertEquals(3, joined.getInt("replayed"));
        List<JsonObject> frames = bob.sink().frames();
        List<JsonObject> afterJoined = frames.subList(frames.indexOf(joined) + 1, frames.size());
        assertEquals(List.of(3L, 4L, 5L, 6L), afterJoined.stream().filter(f -> f.getString("type").equals("message"))
                .map(f -> f.getJsonNumber("seq").longValue()).toList());
    }

    @Test
    void aClientTooFarBehindOrAheadIsToldToResetAndGetsNoReplay() {
        Client alice = connectTo("alice");
        for (int i = 1; i <= 3; i++) {
            say(alice, "m" + i);
        }
        Client ahead = connect("bob");
        chat.receive(ahead.connection(), "{\"type\":\"join\",\"room\":\"r\",\"after\":9}");
        assertTrue(ahead.inRoom("joined").get(0).getBoolean("reset"));
        assertTrue(ahead.inRoom("message").isEmpty());

        Chat tiny = new Chat(store, access(), Clock.systemUTC(), 1_000_000);
        for (int i = 0; i < Room.MAX_REPLAY; i++) {
            tiny.publish(new UserName("alice"), new Request.Send(ROOM, new MessageText("filler"), null, null));
        }
        RecordingSink sink = new RecordingSink();
        Connection behind = tiny.open(TestSessions.of("carol"), "127.0.0.1", sink, null);
        tiny.receive(behind, "{\"type\":\"join\",\"room\":\"r\",\"after\":2}");
        JsonObject joined = sink.framesOfType("joined").get(1);
        assertTrue(joined.getBoolean("reset"));
        assertEquals(Room.MAX_REPLAY + 3, joined.getInt("lastSeq"));
        assertTrue(sink.framesOfType("message").isEmpty());
    }

    @Test
    void anAuthorEditsAMessageAndHistoryShowsTheLatestTextUntilItIsRetracted() {
        Client alice = connectTo("alice");
        Client bob = connectTo("bob");
        say(alice, "teh typo");
        long id = alice.inRoom("message").get(0).getJsonNumber("id").longValue();

        chat.receive(bob.connection(), "{\"type\":\"edit\",\"id\":" + id + ",\"text\":\"mine now\"}");
        assertEquals("not_your_message", bob.last().getString("code"));
        chat.receive(alice.connection(), "{\"type\":\"edit\",\"id\":" + id + ",\"text\":\"the typo\",\"ref\":\"e\"}");

        JsonObject edited = bob.inRoom("edited").get(0);
        assertEquals(id, edited.getJsonNumber("messageId").longValue());
        assertEquals("the typo", edited.getString("text"));
        assertEquals(2, edited.getInt("seq"));
        assertEquals("ack", alice.last().getString("type"));
        var message = chat.queries().history(READER, ROOM, HistoryQuery.newest(10)).events().get(0);
        assertEquals("the typo", message.text());
        assertTrue(message.edited());

        chat.receive(alice.connection(), "{\"type\":\"retract\",\"id\":" + id + "}");
        chat.receive(alice.connection(), "{\"type\":\"edit\",\"id\":" + id + ",\"text\":\"again\"}");
        assertEquals("already_retracted", alice.last().getString("code"));
        assertTrue(chat.queries().history(READER, ROOM, HistoryQuery.newest(10)).events().stream().allMatch(event -> event.text() == null),
                "a retraction leaves no text behind, not even in the edits");
    }

    @Test
    void readPositionsGiveUnreadCountsOnJoinAndReceiptsToWhoeverAskedForThem() {
        Client alice = connectTo("alice");
        for (int i = 1; i <= 4; i++) {
            say(alice, "m" + i);
        }
        Client bob = connectTo("bob");
        JsonObject joined = bob.inRoom("joined").get(0);
        assertEquals(0, joined.getInt("readSeq"));
        assertEquals(4, joined.getInt("unread"));
        chat.receive(alice.connection(), "{\"type\":\"join\",\"room\":\"r\",\"receipts\":true}");
        assertEquals(0, alice.inRoom("joined").get(1).getInt("unread"), "your own messages are never unread");

        chat.receive(bob.connection(), "{\"type\":\"read\",\"room\":\"r\",\"seq\":3,\"ref\":\"r3\"}");
        assertEquals(3, bob.last().getInt("seq"));
        assertEquals("r3", bob.last().getString("ref"));
        JsonObject receipt = alice.inRoom("receipt").get(0);
        assertEquals("bob", receipt.getString("user"));
        assertEquals(3, receipt.getInt("seq"));
        assertTrue(bob.inRoom("receipt").isEmpty(), "receipts are opt-in");

        chat.receive(bob.connection(), "{\"type\":\"read\",\"room\":\"r\",\"seq\":1}");
        assertEquals(3, bob.last().getInt("seq"), "a read position never goes back");
        assertEquals(1, alice.inRoom("receipt").size());
        chat.receive(bob.connection(), "{\"type\":\"read\",\"room\":\"r\",\"seq\":99,\"ref\":\"x\"}");
        assertEquals("invalid_field", bob.last().getString("code"));

        Client bobLater = connectTo("bob");
        JsonObject rejoined = bobLater.inRoom("joined").get(0);
        assertEquals(3, rejoined.getInt("readSeq"));
        assertEquals(1, rejoined.getInt("unread"));
    }

    @Test
    void aConnectionOpenedWhileTheStoreFailsIsToldAndCanJoinLater() {
        store.failing(true);
        Client alice = connect("alice");
        assertEquals("welcome", alice.sink().frames().get(0).getString("type"));
        assertEquals("server_error", alice.last().getString("code"));
        assertEquals(1, chat.connections().connectionCount());

        store.failing(false);
        chat.receive(alice.connection(), "{\"type\":\"join\",\"room\":\"lobby\"}");
        assertEquals("joined", alice.last().getString("type"));
        chat.closed(alice.connection(), 1000);
        assertEquals(0, chat.connections().connectionCount());
    }

    @Test
    void typingReachesTheOtherUsersAtMostOncePerIntervalAndIsNeverStored() {
        TestClock clock = new TestClock();
        Chat timed = new Chat(store, access(), clock, 1_000_000);
        RecordingSink aliceSink = new RecordingSink();
        RecordingSink aliceTabSink = new RecordingSink();
        RecordingSink bobSink = new RecordingSink();
        Connection alice = timed.open(TestSessions.of("alice"), "127.0.0.1", aliceSink, null);
        timed.open(TestSessions.of("alice"), "127.0.0.1", aliceTabSink, null);
        timed.open(TestSessions.of("bob"), "127.0.0.1", bobSink, null);

        timed.receive(alice, "{\"type\":\"typing\",\"room\":\"lobby\"}");
        timed.receive(alice, "{\"type\":\"typing\",\"room\":\"lobby\"}");
        clock.advance(Duration.ofMillis(Chat.TYPING_INTERVAL_MILLIS));
        timed.receive(alice, "{\"type\":\"typing\",\"room\":\"lobby\"}");

        assertEquals(2, bobSink.framesOfType("typing").size());
        assertEquals("alice", bobSink.framesOfType("typing").get(0).getString("user"));
        assertTrue(aliceTabSink.framesOfType("typing").isEmpty(), "not echoed to the typist's own connections");
        assertTrue(aliceSink.framesOfType("typing").isEmpty());
        assertTrue(timed.queries().history(READER, RoomName.LOBBY, HistoryQuery.newest(10)).events().isEmpty());

        timed.receive(alice, "{\"type\":\"typing\",\"room\":\"elsewhere\",\"ref\":\"t\"}");
        JsonObject refused = aliceSink.frames().get(aliceSink.frames().size() - 1);
        assertEquals("not_in_room", refused.getString("code"));
    }

    @Test
    void aFrameThatArrivesAfterTheConnectionEndedIsIgnored() {
        Client alice = connectTo("alice");
        Client bob = connectTo("bob");
        chat.closed(alice.connection(), 1006);

        say(alice, "from beyond");

        assertTrue(bob.inRoom("message").isEmpty());
        assertTrue(chat.queries().history(READER, ROOM, HistoryQuery.newest(10)).events().isEmpty());
    }

    @Test
    void aConnectionCanBeInAHundredRoomsAtOnce() {
        Client alice = connect("alice");
        for (int i = 1; i < Chat.MAX_ROOMS_PER_CONNECTION; i++) {
            chat.receive(alice.connection(), "{\"type\":\"join\",\"room\":\"room" + i + "\"}");
        }
        assertEquals(Chat.MAX_ROOMS_PER_CONNECTION, alice.sink().framesOfType("joined").size());

        chat.receive(alice.connection(), "{\"type\":\"join\",\"room\":\"one-too-many\",\"ref\":\"x\"}");
        assertEquals("too_many_rooms", alice.last().getString("code"));
        chat.receive(alice.connection(), "{\"type\":\"join\",\"room\":\"room7\"}");
        assertEquals("joined", alice.last().getString("type"), "rejoining a room it is in is no new room");
        chat.receive(alice.connection(), "{\"type\":\"leave\",\"room\":\"room7\"}");
        chat.receive(alice.connection(), "{\"type\":\"join\",\"room\":\"one-too-many\"}");
        assertEquals("joined", alice.last().getString("type"));
    }

    private JsonObject request(Client client, String frame) {
        chat.receive(client.connection(), frame);
        return client.last();
    }

    @Test
    void aPrivateRoomIsEnteredByItsMembersOnly() {
        Client alice = connect("alice");
        Client mallory = connect("mallory");
        assertEquals("joined", request(alice, "{\"type\":\"join\",\"room\":\"secret\",\"private\":true}").getString("type"));
        chat.receive(alice.connection(), "{\"type\":\"send\",\"room\":\"secret\",\"text\":\"psst\"}");

        assertEquals("not_a_member", request(mallory, "{\"type\":\"join\",\"room\":\"secret\"}").getString("code"));
        assertEquals("not_a_member", request(mallory, "{\"type\":\"history\",\"room\":\"secret\"}").getString("code"));
        long id = alice.sink().framesOfType("message").get(0).getJsonNumber("id").longValue();
        assertEquals("not_found", request(mallory, "{\"type\":\"edit\",\"id\":" + id + ",\"text\":\"x\"}").getString("code"),
                "a message in a room one cannot enter is not revealed");
        assertEquals(ErrorCode.NOT_A_MEMBER, assertThrows(ChatException.class, () -> chat.publish(new UserName("mallory"),
                new Request.Send(new RoomName("secret"), new MessageText("in"), null, null))).code());
        assertEquals(ErrorCode.NOT_A_MEMBER, assertThrows(ChatException.class,
                () -> chat.queries().present(new UserName("mallory"), new RoomName("secret"))).code());
        assertEquals(1, chat.queries().history(new UserName("alice"), new RoomName("secret"), HistoryQuery.newest(10)).events().size());
    }

    @Test
    void aMemberInvitesAnotherUserWhoIsToldAndMayThenEnter() {
        Client alice = connect("alice");
        Client bob = connect("bob");
        chat.receive(alice.connection(), "{\"type\":\"join\",\"room\":\"secret\",\"private\":true}");

        JsonObject invited = request(alice, "{\"type\":\"invite\",\"room\":\"secret\",\"user\":\"bob\",\"ref\":\"i\"}");
        assertEquals("invited", invited.getString("type"));
        assertEquals("i", invited.getString("ref"));
        JsonObject invitation = bob.last();
        assertEquals("invitation", invitation.getString("type"));
        assertEquals("alice", invitation.getString("by"));
        assertEquals("joined", request(bob, "{\"type\":\"join\",\"room\":\"secret\"}").getString("type"));

        Client carol = connect("carol");
        assertEquals("not_a_member", request(carol, "{\"type\":\"invite\",\"room\":\"secret\",\"user\":\"carol\"}").getString("code"),
                "no one lets themselves in");
        assertEquals("not_found", request(alice, "{\"type\":\"invite\",\"room\":\"secret\",\"user\":\"nobody1\"}").getString("code"));
        assertEquals("invalid_field", request(alice, "{\"type\":\"invite\",\"room\":\"r\",\"user\":\"carol\"}").getString("code"));
    }

    @Test
    void aRoomSomeoneUsedCannotBeMadePrivate() {
        Client alice = connectTo("alice");
        Client bob = connect("bob");
        assertEquals("room_exists", request(bob, "{\"type\":\"join\",\"room\":\"r\",\"private\":true}").getString("code"));
        assertEquals("room_exists", request(bob, "{\"type\":\"join\",\"room\":\"lobby\",\"private\":true}").getString("code"));
        say(alice, "still public");
        assertEquals("joined", request(bob, "{\"type\":\"join\",\"room\":\"r\"}").getString("type"));
    }

    @Test
    void aDirectMessageRoomIsOpenToItsTwoUsersOnly() {
        Client alice = connect("alice");
        Client bob = connect("bob");
        Client carol = connect("carol");
        RoomName dm = RoomName.direct(new UserName("bob"), new UserName("alice"));
        assertEquals("dm:alice:bob", dm.value());
        assertEquals("joined", request(alice, "{\"type\":\"join\",\"room\":\"dm:alice:bob\"}").getString("type"));
        assertEquals("joined", request(bob, "{\"type\":\"join\",\"room\":\"dm:alice:bob\"}").getString("type"));
        assertEquals("not_a_member", request(carol, "{\"type\":\"join\",\"room\":\"dm:alice:bob\"}").getString("code"));
        assertEquals("not_found", request(alice, "{\"type\":\"join\",\"room\":\"dm:alice:nobody1\"}").getString("code"),
                "a direct message to a name nobody registered is refused");
        assertEquals("invalid_field", request(carol, "{\"type\":\"join\",\"room\":\"dm:bob:alice\"}").getString("code"),
                "the names come in ascending order, so each pair has one room");
        assertEquals("invalid_field", request(carol, "{\"type\":\"join\",\"room\":\"dm:carol:carol\"}").getString("code"));
    }

    @Test
    void aModeratorRetractsAnyonesMessageButEditsNone() {
        Client alice = connectTo("alice");
        Client moderator = connectTo("mod");
        say(alice, "spam");
        long id = alice.inRoom("message").get(0).getJsonNumber("id").longValue();
        assertEquals("not_your_message", request(moderator, "{\"type\":\"edit\",\"id\":" + id + ",\"text\":\"x\"}").getString("code"));
        assertEquals("ack", request(moderator, "{\"type\":\"retract\",\"id\":" + id + "}").getString("type"));
        JsonObject retracted = alice.inRoom("retracted").get(0);
        assertEquals("mod", retracted.getString("user"), "the retraction is the moderator's act");
    }

    @Test
    void connectionsOfASessionThatEndsOrExpiresAreClosedWith4401() {
        TestClock clock = new TestClock();
        Chat timed = new Chat(store, access(), clock, 1_000_000);
        RecordingSink shortSink = new RecordingSink();
        RecordingSink longSink = new RecordingSink();
        RecordingSink signedOutSink = new RecordingSink();
        timed.open(TestSessions.until("alice", clock.instant().plusSeconds(60)), "127.0.0.1", shortSink, null);
        timed.open(TestSessions.until("alice", clock.instant().plusSeconds(3600)), "127.0.0.1", longSink, null);
        Connection signedOut = timed.open(TestSessions.of("bob"), "127.0.0.1", signedOutSink, null);

        timed.endSession(signedOut.session().id(), "signed out");
        assertEquals(CloseCodes.SESSION_ENDED, signedOutSink.closeCode());
        timed.expireSessions();
        assertEquals(0, shortSink.closeCode());
        clock.advance(Duration.ofSeconds(60));
        timed.expireSessions();
        assertEquals(CloseCodes.SESSION_ENDED, shortSink.closeCode());
        assertEquals(0, longSink.closeCode());
        assertEquals(List.of(new UserName("alice")), timed.queries().present(READER, RoomName.LOBBY));
        assertEquals(Map.of(CloseCodes.SESSION_ENDED, 2L), timed.connections().closeCodeCounts());
    }

    @Test
    void aConnectionClosedByTheServerWhoseCloseIsNeverReportedIsEndedByThePingCheck() {
        TestClock clock = new TestClock();
        Chat timed = new Chat(store, access(), clock, 1_000_000);
        RecordingSink sink = new RecordingSink();
        Connection closed = timed.open(TestSessions.of("gone"), "127.0.0.1", sink, null);
        closed.closeAfterPending(CloseCodes.POLICY_VIOLATION, "rate");
        assertEquals(CloseCodes.POLICY_VIOLATION, sink.closeCode());

        timed.pingAll();
        clock.advance(Duration.ofSeconds(61));
        timed.closeSilent(60_000);

        assertEquals(List.of(), timed.queries().present(READER, RoomName.LOBBY));
        assertEquals(Map.of(CloseCodes.POLICY_VIOLATION, 1L), timed.connections().closeCodeCounts(),
                "counted as the close the server decided first");
        assertEquals(Map.of(CloseCodes.POLICY_VIOLATION, 1L), timed.connections().serverCloseCodeCounts());
        assertEquals(Map.of(), timed.connections().clientCloseCodeCounts());
    }

    @Test
    void aPeerThatTakesNoFrameForLongerThanTheLimitIsClosedWith1001EvenWithoutPings() {
        TestClock clock = new TestClock();
        Chat timed = new Chat(store, access(), clock, 1_000_000);
        RecordingSink stuckSink = RecordingSink.holding();
        timed.open(TestSessions.of("stuck"), "127.0.0.1", stuckSink, null);

        clock.advance(Duration.ofSeconds(60));
        timed.closeSilent(60_000);
        assertEquals(0, stuckSink.closeCode());
        clock.advance(Duration.ofMillis(1));
        timed.closeSilent(60_000);
        assertEquals(CloseCodes.GOING_AWAY, stuckSink.closeCode(), "its welcome has been in flight too long");
    }

    @Test
    void aConnectionSilentForLongerThanTheLimitIsClosedWith1001AndALiveOneStays() {
        TestClock clock = new TestClock();
        Chat timed = new Chat(store, access(), clock, 1_000_000);
        RecordingSink frozenSink = new RecordingSink();
        RecordingSink liveSink = new RecordingSink();
        timed.open(TestSessions.of("frozen"), "127.0.0.1", frozenSink, null);
        Connection live = timed.open(TestSessions.of("live"), "127.0.0.1", liveSink, null);
        timed.closeSilent(0);
        assertEquals(0, frozenSink.closeCode(), "no ping yet: nothing to answer");

        timed.pingAll();
        clock.advance(Duration.ofSeconds(60));
        timed.heard(live);
        timed.closeSilent(60_000);
        assertEquals(0, frozenSink.closeCode(), "exactly the limit is not past it");
        clock.advance(Duration.ofMillis(1));
        timed.closeSilent(60_000);
        assertEquals(CloseCodes.GOING_AWAY, frozenSink.closeCode());
        assertEquals(0, liveSink.closeCode());
        assertEquals(List.of(new UserName("live")), timed.queries().present(READER, RoomName.LOBBY));
    }

    @Test
    void aPeerSilentForThreePingIntervalsIsClosedWithinASecondOfThemNotAnIntervalLater() {
        TestClock clock = new TestClock();
        Chat timed = new Chat(store, access(), clock, 1_000_000);
        RecordingSink silentSink = new RecordingSink();
        RecordingSink answeringSink = new RecordingSink();
        timed.open(TestSessions.of("silent"), "127.0.0.1", silentSink, null);
        Connection answering = timed.open(TestSessions.of("answering"), "127.0.0.1", answeringSink, null);

        // as the runtime does: a ping every 30 s, the check every second
        for (int second = 1; second <= 91; second++) {
            clock.advance(Duration.ofSeconds(1));
            if (second % 30 == 0) {
                timed.pingAll();
                timed.heard(answering);
            }
            timed.closeSilent(90_000);
            if (second <= 90) {
                assertEquals(0, silentSink.closeCode(), "closed after " + second + " s of silence");
            }
        }
        assertEquals(CloseCodes.GOING_AWAY, silentSink.closeCode(), "silent for more than 90 s");
        assertEquals(0, answeringSink.closeCode());
    }

    @Test
    void aPingWrittenLateGetsAPingIntervalToBeAnsweredBeforeTheSilenceCounts() {
        TestClock clock = new TestClock();
        Chat timed = new Chat(store, access(), clock, 1_000_000);
        RecordingSink quietSink = new RecordingSink();
        timed.open(TestSessions.of("quiet"), "127.0.0.1", quietSink, null);

        clock.advance(Duration.ofSeconds(89));
        timed.pingAll(); // as if it had waited behind other frames until now
        clock.advance(Duration.ofSeconds(2));
        timed.closeSilent(90_000);
        assertEquals(0, quietSink.closeCode(), "its ping has been out for 2 s only");
        clock.advance(Duration.ofSeconds(28));
        timed.closeSilent(90_000);
        assertEquals(CloseCodes.GOING_AWAY, quietSink.closeCode(), "no answer in a whole ping interval");
    }
}
