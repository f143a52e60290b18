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
import dev.chatwar.support.TestClock;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ModerationTest {

    private final InMemoryEventStore store = new InMemoryEventStore();
    private final InMemoryRoomDirectory directory =
            new InMemoryRoomDirectory().withUsers("alice", "bob", "carol", "dave", "root");
    private final TestClock clock = new TestClock();
    private final Chat chat;

    ModerationTest() {
        store.endsMembershipsIn(directory);
        chat = new Chat(store, new RoomAccess(directory, Set.of(new UserName("root"))), clock, 1_000_000);
    }

    private TestClient connect(String user) {
        return TestClient.open(chat, user);
    }

    private static JsonObject request(TestClient client, String frame) {
        return client.request(frame);
    }

    private JsonObject moderate(TestClient moderator, String action, String user, String extra) {
        return request(moderator, "{\"type\":\"moderate\",\"room\":\"team\",\"action\":\"" + action + "\",\"user\":\""
                + user + "\"" + extra + ",\"ref\":\"m\"}");
    }

    private static String code(JsonObject reply) {
        return reply.getString("type").equals("error") ? reply.getString("code") : reply.getString("type");
    }

    /** alice joins first and owns the room; bob, carol and dave join after her. */
    private List<TestClient> team() {
        TestClient alice = connect("alice");
        request(alice, "{\"type\":\"join\",\"room\":\"team\"}");
        List<TestClient> clients = new ArrayList<>(List.of(alice));
        for (String user : List.of("bob", "carol", "dave")) {
            TestClient client = connect(user);
            request(client, "{\"type\":\"join\",\"room\":\"team\"}");
            clients.add(client);
        }
        return clients;
    }

    @Test
    void theOwnerNamesAModeratorWhoMutesAMemberForAWhile() {
        List<TestClient> team = team();
        TestClient alice = team.get(0);
        TestClient bob = team.get(1);
        TestClient carol = team.get(2);
        assertEquals("ack", code(moderate(alice, "promote", "BOB", "")), "the target's name in any case");
        JsonObject ack = moderate(bob, "mute", "carol", ",\"duration\":60,\"reason\":\"calm down\"");
        assertEquals("ack", code(ack));

        JsonObject mute = carol.ofType("moderation").get(1);
        assertEquals(ack.getJsonNumber("seq").longValue(), mute.getJsonNumber("seq").longValue());
        assertEquals("mute", mute.getString("action"));
        assertEquals("bob", mute.getString("user"));
        assertEquals("carol", mute.getString("target"));
        assertEquals("calm down", mute.getString("reason"));
        assertEquals(clock.instant().plusSeconds(60).toString(), mute.getString("until"));

        assertEquals("muted", code(request(carol, "{\"type\":\"send\",\"room\":\"team\",\"text\":\"but\"}")));
        assertEquals("ack", code(request(team.get(3), "{\"type\":\"send\",\"room\":\"team\",\"text\":\"ok\"}")));
        clock.advance(Duration.ofSeconds(61));
        assertEquals("ack", code(request(carol, "{\"type\":\"send\",\"room\":\"team\",\"text\":\"sorry\"}")),
                "the mute is over by itself");
    }

    @Test
    void aBannedMemberIsTakenOutOnEveryConnectionAndCannotComeBackUntilUnbanned() {
        List<TestClient> team = team();
        TestClient alice = team.get(0);
        TestClient carol = team.get(2);
        TestClient carolsPhone = connect("carol");
        request(carolsPhone, "{\"type\":\"join\",\"room\":\"team\"}");

        assertEquals("ack", code(moderate(alice, "ban", "carol", "")));
        for (TestClient device : List.of(carol, carolsPhone)) {
            List<JsonObject> frames = device.sink().frames();
            JsonObject left = frames.get(frames.size() - 1);
            assertEquals("left", left.getString("type"));
            assertEquals("banned", left.getString("reason"));
            assertEquals("ban", frames.get(frames.size() - 2).getString("action"), "the event, then the leave");
        }
        assertEquals("banned", code(request(carol, "{\"type\":\"join\",\"room\":\"team\"}")));
        assertEquals("banned", code(request(carol, "{\"type\":\"history\",\"room\":\"team\"}")));
        assertFalse(chat.queries().present(new UserName("alice"), new RoomName("team")).contains(new UserName("carol")));

        assertEquals("ack", code(moderate(alice, "unban", "carol", "")));
        assertEquals("joined", code(request(carol, "{\"type\":\"join\",\"room\":\"team\"}")));
    }

    @Test
    void eachRankActsOnlyOnThoseBelowIt() {
        List<TestClient> team = team();
        TestClient alice = team.get(0);
        TestClient bob = team.get(1);
        TestClient carol = team.get(2);
        TestClient root = connect("root");
        assertEquals("not_allowed", code(moderate(carol, "mute", "dave", "")), "a member");
        moderate(alice, "promote", "bob", "");
        assertEquals("not_allowed", code(moderate(bob, "ban", "alice", "")), "a moderator, on the owner");
        assertEquals("not_allowed", code(moderate(bob, "promote", "carol", "")), "only the owner names moderators");
        assertEquals("not_allowed", code(moderate(alice, "mute", "alice", "")), "on itself");
        assertEquals("no_change", code(moderate(bob, "unmute", "carol", "")));
        assertEquals("no_change", code(moderate(alice, "promote", "bob", "")));
        assertEquals("not_found", code(moderate(alice, "kick", "nobody", "")));
        assertEquals("invalid_field", code(moderate(alice, "kick", "carol", ",\"duration\":5")));
        assertEquals("invalid_field", code(moderate(alice, "ban", "carol", ",\"duration\":0")));
        assertEquals("ack", code(moderate(root, "demote", "bob", "")), "a server moderator outranks the owner");
        assertEquals("ack", code(moderate(root, "mute", "alice", "")));
        assertEquals("invalid_field", code(request(alice, "{\"type\":\"moderate\",\"room\":\"dm:alice:bob\","
                + "\"action\":\"kick\",\"user\":\"bob\"}")));
    }

    @Test
    void aKickedMemberMayComeBackAndAResumingClientSeesEveryActInOrder() {
        List<TestClient> team = team();
        TestClient alice = team.get(0);
        TestClient dave = team.get(3);
        long before = request(dave, "{\"type\":\"join\",\"room\":\"team\"}").getJsonNumber("lastSeq").longValue();
        request(dave, "{\"type\":\"leave\",\"room\":\"team\",\"keepMembership\":true}");

        moderate(alice, "kick", "carol", ",\"reason\":\"off topic\"");
        moderate(alice, "mute", "bob", "");
        request(alice, "{\"type\":\"send\",\"room\":\"team\",\"text\":\"back to work\"}");
        moderate(alice, "unmute", "bob", "");

        request(dave, "{\"type\":\"join\",\"room\":\"team\",\"after\":" + before + "}");
        JsonObject joined = dave.ofType("joined").get(dave.ofType("joined").size() - 1);
        List<JsonObject> frames = dave.sink().frames();
        int at = frames.lastIndexOf(joined);
        List<String> replayed = frames.subList(at + 1, frames.size()).stream()
                .map(f -> f.getString("type") + ":" + f.getString("action", f.getString("text", ""))).toList();
        assertEquals(List.of("moderation:kick", "moderation:mute", "message:back to work", "moderation:unmute"), replayed);
        assertEquals(4, joined.getInt("replayed"));
        assertEquals("joined", code(request(team.get(2), "{\"type\":\"join\",\"room\":\"team\"}")), "a kick is no ban");
        assertEquals(3, store.page(new RoomName("team"), HistoryQuery.of(null, null, null)).stream()
                .filter(event -> event.act() != null).count(), "each act is a stored event of the room");
    }

    @Test
    void aRoomModeratorRetractsOthersMessagesThereButNotElsewhere() {
        List<TestClient> team = team();
        TestClient alice = team.get(0);
        TestClient bob = team.get(1);
        TestClient carol = team.get(2);
        moderate(alice, "promote", "bob", "");
        long inTeam = request(carol, "{\"type\":\"send\",\"room\":\"team\",\"text\":\"spam\"}").getJsonNumber("id")
                .longValue();
        request(carol, "{\"type\":\"join\",\"room\":\"other\"}");
        long elsewhere = request(carol, "{\"type\":\"send\",\"room\":\"other\",\"text\":\"fine\"}").getJsonNumber("id")
                .longValue();
        assertEquals("ack", code(request(bob, "{\"type\":\"retract\",\"id\":" + inTeam + "}")));
        assertEquals("not_your_message", code(request(bob, "{\"type\":\"retract\",\"id\":" + elsewhere + "}")));
    }

    @Test
    void aBanFromAPrivateRoomEndsItsAccessAndNobodyCanInviteTheUserBack() {
        TestClient alice = connect("alice");
        request(alice, "{\"type\":\"join\",\"room\":\"plans\",\"private\":true}");
        request(alice, "{\"type\":\"invite\",\"room\":\"plans\",\"user\":\"bob\"}");
        request(alice, "{\"type\":\"invite\",\"room\":\"plans\",\"user\":\"carol\"}");
        TestClient bob = connect("bob");
        assertEquals("joined", code(request(bob, "{\"type\":\"join\",\"room\":\"plans\"}")));

        assertEquals("ack", code(request(alice, "{\"type\":\"moderate\",\"room\":\"plans\",\"action\":\"ban\","
                + "\"user\":\"bob\"}")));
        assertEquals("banned", bob.last().getString("reason"));
        assertEquals("not_a_member", code(request(bob, "{\"type\":\"join\",\"room\":\"plans\"}")),
                "an outsider again: it learns nothing more");
        TestClient carol = connect("carol");
        assertEquals("banned", code(request(carol, "{\"type\":\"invite\",\"room\":\"plans\",\"user\":\"bob\"}")));
        assertTrue(chat.queries().rules(new UserName("alice"), new RoomName("plans")).ban(new UserName("bob"),
                clock.instant()).isPresent());
    }
}
