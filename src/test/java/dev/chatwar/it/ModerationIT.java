package dev.chatwar.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Room moderation and server bans against the deployed WAR: every act is a room event with its own seq, seen in
 * order by every member and by a client that resumes; mutes and bans are enforced on sockets and over HTTP.
 */
class ModerationIT extends DeployedWar {

    private static final int MEMBERS = 6;

    @Test
    void everyMemberSeesTheActsInSeqOrderAmongTheMessagesAndAMutedSendIsRefused() {
        String room = "moderated-" + suffix;
        ChatClient owner = ChatClient.connect(ChatWar.BASE, "owner-" + suffix);
        owner.join(room);
        List<ChatClient> members = AllAtOnce.run(MEMBERS, i -> {
            ChatClient member = ChatClient.connect(ChatWar.BASE, "member" + i + "-" + suffix);
            member.join(room);
            return member;
        });
        assertEquals("ack", owner.moderate(room, "promote", "member0-" + suffix).getString("type"));

        // the owner and the new moderator each mute someone while three others write
        List<JsonObject> answers = AllAtOnce.run(5, i -> switch (i) {
            case 0 -> owner.moderate(room, "mute", "member1-" + suffix, Json.createObjectBuilder()
                    .add("duration", 3600).add("reason", "flooding").build());
            case 1 -> members.get(0).moderate(room, "mute", "member2-" + suffix);
            default -> members.get(i + 1).sayMany(room, "busy " + i, 5);
        });
        answers.forEach(answer -> assertEquals("ack", answer.getString("type"), answer.toString()));

        assertEquals("muted", members.get(1).say(room, "let me speak").getString("code"));
        assertEquals("muted", members.get(2).say(room, "me too").getString("code"));
        assertEquals("not_allowed", members.get(3).moderate(room, "kick", "member4-" + suffix).getString("code"));
        assertEquals("ack", owner.moderate(room, "unmute", "member1-" + suffix).getString("type"));
        long last = members.get(1).say(room, "thanks").getJsonNumber("seq").longValue();

        List<ChatClient> everyone = new ArrayList<>(members);
        everyone.add(owner);
        List<String> seen = null;
        for (ChatClient client : everyone) {
            client.await(frame -> frame.getString("room", "").equals(room) && frame.containsKey("seq")
                    && frame.getJsonNumber("seq").longValue() == last);
            List<String> events = roomEvents(client, room);
            assertTrue(events.contains("mute member1-" + suffix + " by owner-" + suffix), events.toString());
            seen = seen == null ? events : seen;
            assertEquals(seen, events, "every member saw the same events in the same order");
        }
        everyone.forEach(ChatClient::leaveAndClose);
    }

    @Test
    void aBannedUserIsTakenOutOfEveryDeviceAndRefusedOnSocketsAndOverHttpUntilUnbanned() {
        String room = "banning-" + suffix;
        String target = "troll-" + suffix;
        ChatClient owner = ChatClient.connect(ChatWar.BASE, "owner-" + suffix);
        owner.join(room);
        List<ChatClient> devices = AllAtOnce.run(2, i -> {
            ChatClient device = ChatClient.connect(ChatWar.BASE, target);
            device.join(room);
            return device;
        });
        JsonObject ack = owner.moderate(room, "ban", target.toUpperCase(), Json.createObjectBuilder()
                .add("duration", 86_400).add("reason", "spam links").build());
        assertEquals("ack", ack.getString("type"), ack.toString());

        for (ChatClient device : devices) {
            JsonObject left = device.await(frame -> frame.getString("type").equals("left")
                    && frame.getString("room").equals(room));
            assertEquals("banned", left.getString("reason"));
            JsonObject ban = device.inRoom(room, "moderation").get(0);
            assertEquals(ack.getJsonNumber("seq"), ban.getJsonNumber("seq"), "the event came before the leave");
            assertEquals(target, ban.getString("target"), "as registered");
        }
        assertEquals("banned", devices.get(0).join(room).getString("code"));
        String authorization = TestUsers.authorization(target);
        assertEquals("banned", ServerApi.errorCode(api.sendJson("POST", "api/rooms/" + room + "/messages",
                Json.createObjectBuilder().add("text", "sneaking in").build(), "Authorization", authorization)));
        assertEquals(403, api.call("GET", "api/rooms/" + room + "/messages", "Authorization", authorization)
                .statusCode());

        JsonObject rules = ServerApi.json(api.getAs("owner-" + suffix, "api/rooms/" + room + "/moderation"))
                .asJsonObject();
        assertEquals("owner-" + suffix, rules.getString("owner"));
        JsonObject listed = rules.getJsonArray("bans").getJsonObject(0);
        assertEquals(target, listed.getString("user"));
        assertEquals("owner-" + suffix, listed.getString("by"));
        assertEquals("spam links", listed.getString("reason"));
        assertEquals(ack.getJsonNumber("seq").longValue(), owner.inRoom(room, "moderation").get(0)
                .getJsonNumber("seq").longValue());
        assertTrue(rules.getJsonArray("mutes").isEmpty());

        assertEquals("ack", owner.moderate(room, "unban", target).getString("type"));
        assertEquals("joined", devices.get(1).join(room).getString("type"));
        owner.leaveAndClose();
        devices.forEach(ChatClient::leaveAndClose);
    }

    @Test
    void aClientThatResumesSeesEveryActItMissedInSeqOrder() {
        String room = "resume-acts-" + suffix;
        ChatClient owner = ChatClient.connect(ChatWar.BASE, "owner-" + suffix);
        owner.join(room);
        List<String> others = IntStream.range(0, 3).mapToObj(i -> "other" + i + "-" + suffix).toList();
        List<ChatClient> present = AllAtOnce.run(others.size(), i -> {
            ChatClient other = ChatClient.connect(ChatWar.BASE, others.get(i));
            other.join(room);
            return other;
        });
        ChatClient away = ChatClient.connect(ChatWar.BASE, "away-" + suffix);
        long lastSeen = away.join(room).getJsonNumber("lastSeq").longValue();
        away.leaveAndClose();

        owner.moderate(room, "promote", others.get(0));
        owner.moderate(room, "mute", others.get(1), Json.createObjectBuilder().add("duration", 60).build());
        present.get(2).say(room, "quiet now");
        present.get(0).moderate(room, "kick", others.get(2), Json.createObjectBuilder().add("reason", "off topic")
                .build());
        owner.moderate(room, "unmute", others.get(1));

        ChatClient back = ChatClient.connect(ChatWar.BASE, "away-" + suffix);
        JsonObject joined = back.join(room, lastSeen);
        assertEquals(5, joined.getInt("replayed"));
        List<JsonObject> replayed = back.awaitInRoom(room, "moderation", 4);
        assertEquals(List.of("promote", "mute", "kick", "unmute"), replayed.stream()
                .map(act -> act.getString("action")).toList());
        assertEquals(List.of(lastSeen + 1, lastSeen + 2, lastSeen + 4, lastSeen + 5), replayed.stream()
                .map(act -> act.getJsonNumber("seq").longValue()).toList());
        assertEquals("off topic", replayed.get(2).getString("reason"));
        assertEquals(others.get(0), replayed.get(2).getString("user"), "the room moderator kicked");
        assertNull(replayed.get(0).get("until"));
        List<JsonObject> history = api.history(room, "after=" + lastSeen);
        assertEquals(List.of("moderation", "moderation", "message", "moderation", "moderation"), history.stream()
                .map(event -> event.getString("type")).toList(), "the history holds them too");
        owner.leaveAndClose();
        back.leaveAndClose();
        present.forEach(ChatClient::leaveAndClose);
    }

    @Test
    void aServerBanClosesEverySocketOfTheUserAndRefusesItsSignInUntilLifted() {
        String user = "banned-" + suffix;
        ChatClient banned = ChatClient.connect(ChatWar.BASE, user);
        String moderator = TestUsers.authorization("moderator");
        String bystander = TestUsers.authorization("bystander-" + suffix);

        assertEquals("not_allowed", ServerApi.errorCode(ban(bystander, user)));
        HttpResponse<String> given = ban(moderator, user);
        assertEquals(201, given.statusCode(), given.body());
        assertEquals(user, ServerApi.parse(given.body()).asJsonObject().getString("user"));
        assertEquals(4401, banned.awaitClose().getCloseCode().getCode());

        HttpResponse<String> signIn = api.login(user, TestUsers.password(user), null);
        assertEquals(403, signIn.statusCode());
        assertEquals("banned", ServerApi.errorCode(signIn));
        assertEquals("bad_credentials", ServerApi.errorCode(api.login(user, "not the password", null)),
                "a wrong password learns nothing of the ban");
        assertTrue(ServerApi.json(api.call("GET", "api/bans", "Authorization", moderator)).asJsonObject()
                .getJsonArray("bans").stream().anyMatch(ban -> ban.asJsonObject().getString("user").equals(user)));
        assertEquals(403, api.call("GET", "api/bans", "Authorization", bystander).statusCode());

        assertEquals(204, api.call("DELETE", "api/bans/" + user, "Authorization", moderator).statusCode());
        assertEquals("no_change", ServerApi.errorCode(api.call("DELETE", "api/bans/" + user, "Authorization",
                moderator)));
        assertEquals(201, api.login(user, TestUsers.password(user), null).statusCode());
    }

    private HttpResponse<String> ban(String authorization, String user) {
        return api.sendJson("POST", "api/bans", Json.createObjectBuilder().add("user", user)
                .add("reason", "abuse").build(), "Authorization", authorization);
    }

    // the room's events this client got pushed, as "action target by moderator" or "message text"
    private static List<String> roomEvents(ChatClient client, String room) {
        List<String> events = new ArrayList<>();
        long previous = -1;
        for (JsonObject frame : client.frames()) {
            if (!frame.getString("room", "").equals(room) || !frame.containsKey("seq")
                    || frame.getString("type").equals("ack") || frame.getString("type").equals("read")) {
                continue;
            }
            long seq = frame.getJsonNumber("seq").longValue();
            if (previous >= 0) {
                assertEquals(previous + 1, seq, "no gap, no repeat: " + frame);
            }
            previous = seq;
            events.add(frame.getString("type").equals("moderation")
                    ? frame.getString("action") + " " + frame.getString("target") + " by " + frame.getString("user")
                    : frame.getString("type") + " " + frame.getString("text", ""));
        }
        return events;
    }
}
