package dev.chatwar.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chatwar.base.RoomName;
import dev.chatwar.base.UserName;
import dev.chatwar.history.HistoryQuery;
import dev.chatwar.room.RoomAccess;
import dev.chatwar.support.InMemoryEventStore;
import dev.chatwar.support.InMemoryRoomDirectory;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConversationsTest {

    private final InMemoryEventStore store = new InMemoryEventStore();
    private final InMemoryRoomDirectory directory = new InMemoryRoomDirectory().withUsers("alice", "bob", "carol");
    private final Chat chat = new Chat(store, new RoomAccess(directory, Set.of()), Clock.systemUTC(), 1_000_000);

    private TestClient connect(String user) {
        return TestClient.open(chat, user);
    }

    private static JsonObject request(TestClient client, String frame) {
        return client.request(frame);
    }

    private static List<String> rooms(JsonObject list) {
        return list.getJsonArray("conversations").getValuesAs(JsonObject.class).stream()
                .map(c -> c.getString("room")).toList();
    }

    private static JsonObject entry(JsonObject list, String room) {
        return list.getJsonArray("conversations").getValuesAs(JsonObject.class).stream()
                .filter(c -> c.getString("room").equals(room)).findFirst().orElseThrow();
    }

    @Test
    void aJoinedRoomStaysInTheListAfterTheConnectionEndsUntilTheUserLeavesIt() {
        TestClient alice = connect("alice");
        request(alice, "{\"type\":\"join\",\"room\":\"quiet\"}");
        request(alice, "{\"type\":\"join\",\"room\":\"busy\"}");
        request(alice, "{\"type\":\"send\",\"room\":\"busy\",\"text\":\"hi\"}");
        chat.closed(alice.connection(), 1000);

        TestClient again = connect("alice");
        JsonObject list = request(again, "{\"type\":\"conversations\",\"ref\":\"c\"}");
        assertEquals("c", list.getString("ref"));
        assertEquals(List.of("busy", "lobby", "quiet"), rooms(list), "newest activity first, then by name");
        assertEquals("public", entry(list, "busy").getString("kind"));
        assertEquals("hi", entry(list, "busy").getJsonObject("last").getString("preview"));
        assertFalse(list.getBoolean("more"));

        assertEquals("left", request(again, "{\"type\":\"leave\",\"room\":\"busy\"}").getString("type"));
        assertEquals(List.of("lobby", "quiet"), rooms(request(again, "{\"type\":\"conversations\"}")));
    }

    @Test
    void aDirectMessageReachesTheOtherUsersListAndItsConnectionsWithoutAJoin() {
        TestClient alice = connect("alice");
        TestClient aliceWithoutAList = connect("alice");
        request(alice, "{\"type\":\"conversations\"}");
        TestClient bob = connect("bob");
        request(bob, "{\"type\":\"join\",\"room\":\"dm:alice:bob\"}");
        request(bob, "{\"type\":\"send\",\"room\":\"dm:alice:bob\",\"text\":\"psst @alice\"}");

        JsonObject activity = alice.ofType("activity").get(0);
        assertEquals("dm:alice:bob", activity.getString("room"));
        assertEquals("bob", activity.getString("user"));
        assertEquals("psst @alice", activity.getString("preview"));
        assertEquals(List.of("alice"), activity.getJsonArray("mentions").getValuesAs(JsonString.class).stream()
                .map(JsonString::getString).toList());
        assertTrue(bob.ofType("activity").isEmpty(), "bob's connection is in the room: it got the message itself");
        assertTrue(aliceWithoutAList.ofType("activity").isEmpty(), "a connection that never asked for the list");

        JsonObject dm = entry(request(alice, "{\"type\":\"conversations\"}"), "dm:alice:bob");
        assertEquals("direct", dm.getString("kind"));
        assertEquals("bob", dm.getString("with"));
        assertEquals(1, dm.getInt("unread"));
        assertEquals(1, dm.getInt("mentions"));
    }

    @Test
    void aMentionOfAMemberIsMarkedAndCountedButNotOfAStranger() {
        TestClient alice = connect("alice");
        TestClient bob = connect("bob");
        request(alice, "{\"type\":\"join\",\"room\":\"team\"}");
        request(bob, "{\"type\":\"join\",\"room\":\"team\"}");
        request(bob, "{\"type\":\"leave\",\"room\":\"team\",\"keepMembership\":true}");
        request(bob, "{\"type\":\"conversations\"}");

        request(alice, "{\"type\":\"send\",\"room\":\"team\",\"text\":\"@BOB and @carol, look\"}");
        JsonObject message = alice.ofType("message").stream().filter(m -> m.getString("room").equals("team"))
                .findFirst().orElseThrow();
        assertEquals(List.of("bob"), message.getJsonArray("mentions").getValuesAs(JsonString.class).stream()
                .map(JsonString::getString).toList(), "carol exists but is no member; bob is, as spelled");
        assertEquals(1, bob.ofType("activity").size(), "bob's connection left the room but bob is a member");

        JsonObject team = entry(request(bob, "{\"type\":\"conversations\"}"), "team");
        assertEquals(1, team.getInt("unread"));
        assertEquals(1, team.getInt("mentions"));
        assertEquals(1, chat.queries().mentioning(new UserName("bob"), new RoomName("team"), HistoryQuery.newest(50)).size());
        assertEquals(0, chat.queries().mentioning(new UserName("carol"), new RoomName("team"), HistoryQuery.newest(50)).size());
    }

    @Test
    void leavingAPrivateRoomTakesTheUsersOtherConnectionsOutAndEndsItsAccess() {
        TestClient alice = connect("alice");
        TestClient aliceToo = connect("alice");
        request(alice, "{\"type\":\"join\",\"room\":\"plans\",\"private\":true}");
        request(aliceToo, "{\"type\":\"join\",\"room\":\"plans\"}");

        assertEquals("bye", request(alice, "{\"type\":\"leave\",\"room\":\"plans\",\"ref\":\"bye\"}").getString("ref"));
        JsonObject told = aliceToo.last();
        assertEquals("left", told.getString("type"));
        assertFalse(told.containsKey("ref"));
        assertEquals("not_a_member", request(aliceToo, "{\"type\":\"join\",\"room\":\"plans\"}").getString("code"));
        assertEquals("not_a_member",
                request(aliceToo, "{\"type\":\"send\",\"room\":\"plans\",\"text\":\"still here?\"}").getString("code"));
    }

    @Test
    void aListCountsUnreadMessagesUpToAHundredWhereAJoinCountsUpToAThousand() {
        TestClient alice = connect("alice");
        TestClient bob = connect("bob");
        request(alice, "{\"type\":\"join\",\"room\":\"chatty\"}");
        request(alice, "{\"type\":\"leave\",\"room\":\"chatty\",\"keepMembership\":true}");
        request(bob, "{\"type\":\"join\",\"room\":\"chatty\"}");
        for (int i = 0; i < 150; i++) {
            request(bob, "{\"type\":\"send\",\"room\":\"chatty\",\"text\":\"@alice " + i + "\"}");
        }
        JsonObject listed = entry(request(alice, "{\"type\":\"conversations\"}"), "chatty");
        assertEquals(ConversationList.MAX_LISTED_UNREAD, listed.getInt("unread"));
        assertEquals(ConversationList.MAX_LISTED_UNREAD, listed.getInt("mentions"));
        JsonObject joined = request(alice, "{\"type\":\"join\",\"room\":\"chatty\"}");
        assertEquals(150, joined.getInt("unread"));
        assertEquals(150, joined.getInt("mentions"));
    }

    @Test
    void aUserWhoIsNoMemberHearsNothingOfARoom() {
        TestClient alice = connect("alice");
        TestClient carol = connect("carol");
        request(carol, "{\"type\":\"conversations\"}");
        request(alice, "{\"type\":\"join\",\"room\":\"team\"}");
        request(alice, "{\"type\":\"send\",\"room\":\"team\",\"text\":\"@carol are you there?\"}");
        assertTrue(carol.ofType("activity").isEmpty());
        assertEquals(List.of("lobby"), rooms(request(carol, "{\"type\":\"conversations\"}")));
    }
}
