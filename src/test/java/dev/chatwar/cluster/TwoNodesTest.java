package dev.chatwar.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chatwar.base.RoomName;
import dev.chatwar.base.UserName;
import dev.chatwar.chat.Chat;
import dev.chatwar.connection.Connection;
import dev.chatwar.identity.AuthSession;
import dev.chatwar.protocol.CloseCodes;
import dev.chatwar.room.RoomAccess;
import dev.chatwar.support.InMemoryEventStore;
import dev.chatwar.support.InMemoryRoomDirectory;
import dev.chatwar.support.RecordingSink;
import dev.chatwar.support.TestClock;
import dev.chatwar.support.TestSessions;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Two chat nodes on one store, linked by a message bus the test delivers by hand. */
class TwoNodesTest {

    private static final long PEER_TIMEOUT_MILLIS = 5000;

    private final InMemoryEventStore store = new InMemoryEventStore();
    private final InMemoryRoomDirectory directory = new InMemoryRoomDirectory();
    private final TestClock clock = new TestClock();
    private final List<Node> nodes = new ArrayList<>();
    private final Node a = new Node("a");
    private final Node b = new Node("b");

    /** One node: its chat, and what it told the others that they have not heard yet. */
    private final class Node implements Cluster {
        final String id;
        final Queue<ClusterMessage> told = new ArrayDeque<>();
        final Chat chat;
        boolean dead;

        Node(String id) {
            this.id = id;
            this.chat = new Chat(store, new RoomAccess(directory, Set.of()), clock, 1_000_000, this, PEER_TIMEOUT_MILLIS,
                    Chat.Workers.CALLER);
            nodes.add(this);
        }

        @Override
        public void tell(ClusterMessage message) {
            if (!dead) {
                told.add(message);
            }
        }

        Client connect(String user) {
            return connect(TestSessions.of(user));
        }

        Client connect(AuthSession session) {
            RecordingSink sink = new RecordingSink();
            return new Client(this, chat.open(session, "127.0.0.1", sink, null), sink);
        }
    }

    private record Client(Node node, Connection connection, RecordingSink sink) {
        void request(String json) {
            node.chat.receive(connection, json);
        }

        Client join(String room) {
            request("{\"type\":\"join\",\"room\":\"" + room + "\"}");
            return this;
        }

        void say(String room, String text) {
            request("{\"type\":\"send\",\"room\":\"" + room + "\",\"text\":\"" + text + "\"}");
        }

        List<String> texts(String room) {
            return messages(room).stream().map(m -> m.getString("text")).toList();
        }

        List<Long> seqs(String room) {
            return messages(room).stream().map(m -> m.getJsonNumber("seq").longValue()).toList();
        }

        List<JsonObject> messages(String room) {
            return inRoom("message", room);
        }

        List<String> presence(String room) {
            return inRoom("presence", room).stream().map(p -> p.getString("user") + " " + p.getString("state")).toList();
        }

        List<JsonObject> inRoom(String type, String room) {
            return sink.framesOfType(type).stream().filter(f -> f.getString("room").equals(room)).toList();
        }

        JsonObject lastJoined(String room) {
            List<JsonObject> joined = inRoom("joined", room);
            return joined.get(joined.size() - 1);
        }
    }

    /** Delivers everything told so far, and what that makes the nodes tell, until all is quiet. */
    private void exchange() {
        boolean moved = true;
        while (moved) {
            moved = false;
            for (Node from : nodes) {
                ClusterMessage message;
                while ((message = from.told.poll()) != null) {
                    moved = true;
                    for (Node to : nodes) {
                        if (to != from && !to.dead) {
                            to.chat.fromPeer(from.id, message);
                        }
                    }
                }
            }
        }
    }

    @Test
    void everyNodeDeliversInStoredOrderWhicheverNodeStoredTheEvents() {
        Client alice = a.connect("alice").join("r");
        Client bob = b.connect("bob").join("r");
        exchange();

        alice.say("r", "one");
        bob.say("r", "two"); // stored as seq 2: b delivers seq 1 from the store first
        bob.say("r", "three");
        alice.say("r", "four");
        exchange();

        assertEquals(List.of("one", "two", "three", "four"), alice.texts("r"));
        assertEquals(List.of("one", "two", "three", "four"), bob.texts("r"));
        assertEquals(List.of(1L, 2L, 3L, 4L), alice.seqs("r"));
    }

    @Test
    void aUserWithConnectionsOnTwoNodesIsPresentOnce() {
        Client carol = b.connect("carol").join("r");
        Client aliceOnA = a.connect("alice").join("r");
        exchange();
        Client aliceOnB = b.connect("alice").join("r");
        exchange();
        assertEquals(List.of("alice joined"), carol.presence("r"));
        assertEquals(Set.of(new UserName("alice"), new UserName("carol")),
                Set.copyOf(a.chat.queries().present(carol.connection().user(), new RoomName("r"))), "presence asked on a");

        aliceOnA.request("{\"type\":\"leave\",\"room\":\"r\",\"keepMembership\":true}");
        exchange();
        assertEquals(List.of("alice joined"), carol.presence("r"), "alice is still here through b");

        aliceOnB.request("{\"type\":\"leave\",\"room\":\"r\",\"keepMembership\":true}");
        exchange();
        assertEquals(List.of("alice joined", "alice left"), carol.presence("r"));
    }

    @Test
    void aMemberConnectedToAnotherNodeHearsOfEachMessageInARoomThatNodeDoesNotHold() {
        Client aliceOnA = a.connect("alice").join("r");
        aliceOnA.request("{\"type\":\"leave\",\"room\":\"r\",\"keepMembership\":true}");
        aliceOnA.request("{\"type\":\"conversations\"}");
        Client aliceOnB = b.connect("alice");
        aliceOnB.request("{\"type\":\"conversations\"}");
        Client carolOnB = b.connect("carol").join("elsewhere");
        carolOnB.request("{\"type\":\"conversations\"}");
        Client bob = a.connect("bob").join("r");
        exchange();

        bob.say("r", "one");
        bob.say("r", "two");
        bob.say("r", "three");
        exchange();
        assertEquals(List.of(1), seqs(aliceOnB.inRoom("activity", "r")), "the first at once, the others held");
        assertEquals(List.of(1), seqs(aliceOnA.inRoom("activity", "r")));

        clock.advance(Duration.ofSeconds(1));
        a.chat.flushActivity();
        b.chat.flushActivity();
        for (Client alice : List.of(aliceOnA, aliceOnB)) {
            List<JsonObject> activity = alice.inRoom("activity", "r");
            assertEquals(List.of(1, 3), seqs(activity), "the second's frame names the newest message");
            assertEquals(List.of(1, 2), activity.stream().map(f -> f.getInt("newMessages")).toList(),
                    "and counts every message it stands for");
        }
        assertEquals(List.of(), carolOnB.inRoom("activity", "r"), "carol is no member of r");

        clock.advance(Duration.ofSeconds(1));
        b.chat.flushActivity();
        bob.say("r", "after a quiet second");
        exchange();
        assertEquals(List.of(1, 3, 4), seqs(aliceOnB.inRoom("activity", "r")), "after a quiet second, at once again");
    }

    @Test
    void aUserWhoLeavesARoomOnOneNodeLeavesItOnEveryNodeAndHearsOfItsMessagesNoMore() {
        Client carol = b.connect("carol").join("r");
        Client aliceOnA = a.connect("alice").join("r");
        Client aliceOnB = b.connect("alice").join("r");
        aliceOnB.request("{\"type\":\"conversations\"}");
        exchange();

        aliceOnA.request("{\"type\":\"leave\",\"room\":\"r\",\"ref\":\"bye\"}");
        exchange();
        assertEquals(List.of("bye"), aliceOnA.inRoom("left", "r").stream().map(f -> f.getString("ref")).toList());
        assertEquals(1, aliceOnB.inRoom("left", "r").size(), "told on b, without a ref");
        assertFalse(aliceOnB.inRoom("left", "r").get(0).containsKey("ref"));
        assertEquals(List.of("alice joined", "alice left"), carol.presence("r"));

        carol.say("r", "after alice left");
        exchange();
        assertEquals(List.of(), aliceOnB.texts("r"));
        assertEquals(List.of(), aliceOnB.inRoom("activity", "r"), "a user who left hears nothing of the room");
    }

    @Test
    void aNodeThatStartsLaterLearnsWhoIsPresentElsewhere() {
        Node late = new Node("late");
        nodes.remove(late);
        Client alice = a.connect("alice").join("r");
        exchange();

        nodes.add(late);
        late.tell(new ClusterMessage.Hello());
        exchange();
        Client bob = late.connect("bob").join("r");

        List<String> present = bob.lastJoined("r").getJsonArray("present").getValuesAs(JsonString.class)
                .stream().map(JsonString::getString).toList();
        assertEquals(Set.of("alice", "bob"), Set.copyOf(present));
        exchange();
        assertEquals(List.of("bob joined"), alice.presence("r"));
    }

    @Test
    void whenANodeDiesItsUsersLeaveAndWhatItStoredUntoldIsDelivered() {
        Client alice = a.connect("alice").join("r");
        Client bob = b.connect("bob").join("r");
        a.chat.heartbeat();
        b.chat.heartbeat();
        exchange();

        alice.say("r", "last words");
        a.told.clear(); // stored, but the node died before the broker heard of it
        a.dead = true;

        clock.advance(Duration.ofMillis(PEER_TIMEOUT_MILLIS + 1));
        b.chat.heartbeat();

        assertEquals(List.of("alice joined", "alice left"), bob.presence("r"));
        assertEquals(List.of("last words"), bob.texts("r"));
    }

    @Test
    void aClientResumingOnTheOtherNodeGetsWhatItMissedAndNoReset() {
        Client watcher = b.connect("watcher").join("r");
        Client alice = a.connect("alice").join("r");
        alice.say("r", "one");
        alice.say("r", "two");
        // b has heard nothing yet; alice's client reconnects there having seen seq 2 … and then seq 3 is said
        Client resumed = b.connect("alice");
        resumed.request("{\"type\":\"join\",\"room\":\"r\",\"after\":1}");

        JsonObject joined = resumed.lastJoined("r");
        assertFalse(joined.containsKey("reset"), "the node caught up instead of telling the client to reset");
        assertEquals(2, joined.getJsonNumber("lastSeq").longValue());
        assertEquals(List.of("two"), resumed.texts("r"));
        assertEquals(List.of("one", "two"), watcher.texts("r"), "b's other clients got the events it caught up on");

        exchange();
        alice.say("r", "three");
        exchange();
        assertEquals(List.of("two", "three"), resumed.texts("r"));
        assertEquals(List.of("one", "two", "three"), watcher.texts("r"), "late notifications are not delivered twice");
    }

    @Test
    void editsAndRetractionsReachTheOtherNode() {
        Client alice = a.connect("alice").join("r");
        Client bob = b.connect("bob").join("r");
        alice.say("r", "tpyo");
        exchange();
        long id = alice.messages("r").get(0).getJsonNumber("id").longValue();
        alice.request("{\"type\":\"edit\",\"id\":" + id + ",\"text\":\"typo\"}");
        alice.request("{\"type\":\"retract\",\"id\":" + id + "}");
        exchange();
        assertEquals(List.of("typo"), bob.inRoom("edited", "r").stream().map(e -> e.getString("text")).toList());
        assertEquals(1, bob.inRoom("retracted", "r").size());
    }

    @Test
    void typingAndReadReceiptsReachTheOtherNode() {
        Client alice = a.connect("alice").join("r");
        Client bob = b.connect("bob");
        bob.request("{\"type\":\"join\",\"room\":\"r\",\"receipts\":true}");
        alice.say("r", "hello");
        exchange();

        alice.request("{\"type\":\"typing\",\"room\":\"r\"}");
        alice.request("{\"type\":\"read\",\"room\":\"r\",\"seq\":1}");
        exchange();

        assertEquals("alice", bob.inRoom("typing", "r").get(0).getString("user"));
        JsonObject receipt = bob.inRoom("receipt", "r").get(0);
        assertEquals("alice", receipt.getString("user"));
        assertEquals(1, receipt.getJsonNumber("seq").longValue());
    }

    @Test
    void invitationsAndSignOutsReachEveryNode() {
        Client owner = a.connect("owner");
        owner.request("{\"type\":\"join\",\"room\":\"secret\",\"private\":true}");
        AuthSession guestSession = TestSessions.of("guest");
        Client guest = b.connect(guestSession);
        owner.request("{\"type\":\"invite\",\"room\":\"secret\",\"user\":\"guest\"}");
        exchange();
        assertEquals("owner", guest.sink().framesOfType("invitation").get(0).getString("by"));

        a.chat.endSession(guestSession.id(), "signed out");
        exchange();
        assertEquals(CloseCodes.SESSION_ENDED, guest.sink().closeCode());
        assertTrue(b.chat.connections().of(guest.connection().user()).isEmpty());
    }

    private static List<Integer> seqs(List<JsonObject> frames) {
        return frames.stream().map(f -> f.getInt("seq")).toList();
    }
}
