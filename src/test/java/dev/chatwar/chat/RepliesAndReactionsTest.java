package dev.chatwar.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chatwar.base.UserName;
import dev.chatwar.room.RoomAccess;
import dev.chatwar.support.InMemoryEventStore;
import dev.chatwar.support.InMemoryRoomDirectory;
import dev.chatwar.support.TestClock;
import jakarta.json.JsonObject;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Replies, threads and reactions, on the chat without a server. */
class RepliesAndReactionsTest {

    private final InMemoryEventStore store = new InMemoryEventStore();
    private final InMemoryRoomDirectory directory = new InMemoryRoomDirectory().withUsers("alice", "bob", "carol");
    private final Chat chat = new Chat(store, new RoomAccess(directory, Set.of()), new TestClock(), 1_000_000);

    private TestClient member(String user, String room) {
        TestClient client = TestClient.open(chat, user);
        client.request("{\"type\":\"join\",\"room\":\"" + room + "\"}");
        return client;
    }

    private static long send(TestClient client, String extra) {
        JsonObject ack = client.request("{\"type\":\"send\",\"room\":\"team\",\"text\":\"hi\"" + extra + "}");
        assertEquals("ack", ack.getString("type"), ack.toString());
        return ack.getJsonNumber("id").longValue();
    }

    private static String code(JsonObject reply) {
        return reply.getString("type").equals("error") ? reply.getString("code") : reply.getString("type");
    }

    private static JsonObject react(TestClient client, String type, long id, String emoji) {
        return client.request("{\"type\":\"" + type + "\",\"id\":" + id + ",\"emoji\":\"" + emoji + "\"}");
    }

    @Test
    void aReplyToAReplyJoinsTheFirstMessagesThreadAndQuotesWhatItAnswers() {
        TestClient alice = member("alice", "team");
        TestClient bob = member("bob", "team");
        long root = send(alice, "");
        long first = send(bob, ",\"replyTo\":" + root);
        long second = send(alice, ",\"replyTo\":" + first);

        JsonObject reply = bob.ofType("message").get(2);
        assertEquals(second, reply.getJsonNumber("id").longValue());
        assertEquals(first, reply.getJsonNumber("replyTo").longValue());
        assertEquals("bob", reply.getJsonObject("quote").getString("user"));
        assertEquals("hi", reply.getJsonObject("quote").getString("text"));
        assertEquals(root, reply.getJsonNumber("thread").longValue());
        assertEquals(2, reply.getInt("threadReplies"));

        JsonObject page = bob.request("{\"type\":\"history\",\"room\":\"team\",\"thread\":" + root + "}");
        assertEquals(root, page.getJsonNumber("thread").longValue());
        List<Long> ids = page.getJsonArray("events").getValuesAs(JsonObject.class).stream()
                .map(event -> event.getJsonNumber("id").longValue()).toList();
        assertEquals(List.of(root, first, second), ids);
        JsonObject head = page.getJsonArray("events").getJsonObject(0);
        assertEquals(2, head.getInt("replies"));
        assertTrue(head.containsKey("lastReplyAt"));
    }

    @Test
    void aReplyMustAnswerALiveMessageOfItsOwnRoom() {
        TestClient alice = member("alice", "team");
        JsonObject elsewhere = member("alice", "other").request("{\"type\":\"send\",\"room\":\"other\",\"text\":\"x\"}");
        long other = elsewhere.getJsonNumber("id").longValue();
        long root = send(alice, "");
        assertEquals("not_found", code(alice.request(
                "{\"type\":\"send\",\"room\":\"team\",\"text\":\"x\",\"replyTo\":" + other + "}")));
        assertEquals("not_found", code(alice.request(
                "{\"type\":\"send\",\"room\":\"team\",\"text\":\"x\",\"replyTo\":999}")));
        alice.request("{\"type\":\"retract\",\"id\":" + root + "}");
        assertEquals("already_retracted", code(alice.request(
                "{\"type\":\"send\",\"room\":\"team\",\"text\":\"x\",\"replyTo\":" + root + "}")));
        assertEquals("not_found", code(alice.request(
                "{\"type\":\"history\",\"room\":\"team\",\"thread\":" + other + "}")), "a thread of another room");
    }

    @Test
    void reactionsAreCountedPerEmojiOncePerUserAndShownWithMine() {
        TestClient alice = member("alice", "team");
        TestClient bob = member("bob", "team");
        TestClient carol = member("carol", "team");
        long id = send(alice, "");
        assertEquals("ack", code(react(bob, "react", id, "👍")));
        assertEquals("ack", code(react(carol, "react", id, "👍")));
        assertEquals("no_change", code(react(carol, "react", id, "👍")));
        assertEquals("ack", code(react(carol, "react", id, "🎉")));
        assertEquals("ack", code(react(bob, "unreact", id, "👍")));
        assertEquals("no_change", code(react(bob, "unreact", id, "👍")));

        List<JsonObject> seen = alice.ofType("reaction");
        assertEquals(List.of(1, 2, 1, 1), seen.stream().map(event -> event.getInt("count")).toList());
        assertEquals(List.of(true, true, true, false), seen.stream().map(event -> event.getBoolean("added")).toList());
        assertEquals(id, seen.get(0).getJsonNumber("messageId").longValue());

        JsonObject message = carol.request("{\"type\":\"history\",\"room\":\"team\",\"limit\":10}")
                .getJsonArray("events").getJsonObject(0);
        assertEquals("[{\"emoji\":\"👍\",\"count\":1,\"me\":true},{\"emoji\":\"🎉\",\"count\":1,\"me\":true}]",
                message.getJsonArray("reactions").toString());
        JsonObject asBob = bob.request("{\"type\":\"history\",\"room\":\"team\",\"limit\":10}")
                .getJsonArray("events").getJsonObject(0);
        assertFalse(asBob.getJsonArray("reactions").getJsonObject(0).getBoolean("me"));
    }

    @Test
    void aMessageTakesAtMostTwentyDifferentEmojiAndLosesThemWhenRetracted() {
        TestClient alice = member("alice", "team");
        TestClient bob = member("bob", "team");
        long id = send(alice, "");
        IntStream.range(0, 20).forEach(i ->
                assertEquals("ack", code(react(bob, "react", id, new String(Character.toChars(0x1F600 + i))))));
        assertEquals("too_many_reactions", code(react(alice, "react", id, "🚀")));
        assertEquals("ack", code(react(alice, "react", id, "😀")), "an emoji already there is still welcome");
        alice.request("{\"type\":\"retract\",\"id\":" + id + "}");
        assertEquals("already_retracted", code(react(bob, "react", id, "🚀")));
        JsonObject tombstone = bob.request("{\"type\":\"history\",\"room\":\"team\",\"limit\":50}")
                .getJsonArray("events").getJsonObject(0);
        assertEquals(id, tombstone.getJsonNumber("id").longValue());
        assertTrue(tombstone.getBoolean("retracted"));
        assertFalse(tombstone.containsKey("reactions"), tombstone.toString());
    }

    @Test
    void aMutedMemberCannotReactNorAnOutsiderOfAPrivateRoom() {
        TestClient alice = member("alice", "team");
        TestClient bob = member("bob", "team");
        long id = send(alice, "");
        assertEquals("ack", code(alice.request(
                "{\"type\":\"moderate\",\"room\":\"team\",\"action\":\"mute\",\"user\":\"bob\"}")));
        assertEquals("muted", code(react(bob, "react", id, "👍")));

        TestClient carol = TestClient.open(chat, "carol");
        alice.request("{\"type\":\"join\",\"room\":\"hideout\",\"private\":true}");
        long secret = alice.request("{\"type\":\"send\",\"room\":\"hideout\",\"text\":\"psst\"}")
                .getJsonNumber("id").longValue();
        assertEquals("not_found", code(react(carol, "react", secret, "👍")), "no sign the message exists");
        assertEquals(new UserName("alice"), store.find(secret).orElseThrow().author());
    }
}
