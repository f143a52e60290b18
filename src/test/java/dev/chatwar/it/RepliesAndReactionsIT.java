package dev.chatwar.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * Replies, threads and reactions against the deployed WAR: members answering and reacting at the same moment are
 * each counted once, every member sees the same counts in seq order, and a client that resumes misses none.
 */
class RepliesAndReactionsIT extends DeployedWar {

    private static final int MEMBERS = 8;
    private static final int REPLIES_EACH = 3;

    private List<ChatClient> members(String room) {
        return AllAtOnce.run(MEMBERS, i -> {
            ChatClient member = ChatClient.connect(ChatWar.BASE, "member" + i + "-" + suffix);
            member.join(room);
            return member;
        });
    }

    private static long id(JsonObject ack) {
        assertEquals("ack", ack.getString("type"), ack.toString());
        return ack.getJsonNumber("id").longValue();
    }

    private static long seq(JsonObject frame) {
        return frame.getJsonNumber("seq").longValue();
    }

    @Test
    void membersReplyingAtOnceAreEachCountedOnceInTheThreadEveryoneSees() {
        String room = "threads-" + suffix;
        List<ChatClient> members = members(room);
        long root = id(members.get(0).say(room, "who can review #42?"));

        List<JsonObject> acks = AllAtOnce.run(MEMBERS, i -> {
            JsonObject last = null;
            for (int r = 0; r < REPLIES_EACH; r++) {
                last = members.get(i).reply(room, root, "me " + i + "." + r);
                id(last);
            }
            return last;
        });
        long lastSeq = acks.stream().mapToLong(RepliesAndReactionsIT::seq).max().orElseThrow();
        int replies = MEMBERS * REPLIES_EACH;

        List<Integer> expected = IntStream.rangeClosed(1, replies).boxed().toList();
        for (ChatClient member : members) {
            member.await(frame -> frame.getString("room", "").equals(room) && frame.containsKey("seq")
                    && seq(frame) == lastSeq && frame.getString("type").equals("message"));
            List<JsonObject> answers = member.inRoom(room, "message").stream()
                    .filter(message -> message.containsKey("replyTo")).toList();
            assertEquals(expected, answers.stream().map(reply -> reply.getInt("threadReplies")).toList(),
                    "each reply counted once, in seq order");
            answers.forEach(reply -> {
                assertEquals(root, reply.getJsonNumber("thread").longValue());
                assertEquals("who can review #42?", reply.getJsonObject("quote").getString("text"));
            });
        }

        JsonObject page = members.get(3).thread(room, root);
        List<JsonObject> thread = page.getJsonArray("events").getValuesAs(JsonObject.class);
        assertEquals(replies + 1, thread.size());
        assertEquals(root, thread.get(0).getJsonNumber("id").longValue());
        assertEquals(replies, thread.get(0).getInt("replies"));
        List<JsonObject> overHttp = api.history(room, "thread=" + root + "&limit=200");
        assertEquals(thread.stream().map(event -> event.getJsonNumber("id")).toList(),
                overHttp.stream().map(event -> event.getJsonNumber("id")).toList());

        // a reply to a reply joins the first message's thread, quoting what it answers
        long answer = thread.get(5).getJsonNumber("id").longValue();
        long agreed = id(members.get(0).reply(room, answer, "agreed"));
        JsonObject nested = members.get(1).await(frame -> frame.getString("type").equals("message")
                && frame.getJsonNumber("id").longValue() == agreed);
        assertEquals(root, nested.getJsonNumber("thread").longValue());
        assertEquals(answer, nested.getJsonNumber("replyTo").longValue());
        assertEquals(thread.get(5).getString("text"), nested.getJsonObject("quote").getString("text"));
        assertEquals(replies + 1, nested.getInt("threadReplies"));
        members.forEach(ChatClient::leaveAndClose);
    }

    @Test
    void reactionsSentAtOnceAreCountedExactlyAndGoWithARetraction() {
        String room = "reactions-" + suffix;
        List<ChatClient> members = members(room);
        long message = id(members.get(0).say(room, "ship it?"));

        AllAtOnce.run(MEMBERS, i -> id(members.get(i).react(message, "👍", true)));
        AllAtOnce.run(MEMBERS / 2, i -> id(members.get(i).react(message, "🎉", true)));
        List<JsonObject> off = AllAtOnce.run(MEMBERS / 2, i -> members.get(i * 2).react(message, "👍", false));
        long lastSeq = off.stream().mapToLong(RepliesAndReactionsIT::seq).max().orElseThrow();

        for (ChatClient member : members) {
            member.await(frame -> frame.getString("room", "").equals(room) && frame.getString("type").equals("reaction")
                    && seq(frame) == lastSeq);
            List<JsonObject> thumbs = member.inRoom(room, "reaction").stream()
                    .filter(reaction -> reaction.getString("emoji").equals("👍")).toList();
            List<Integer> counts = thumbs.stream().map(reaction -> reaction.getInt("count")).toList();
            List<Integer> expected = new ArrayList<>(IntStream.rangeClosed(1, MEMBERS).boxed().toList());
            IntStream.range(0, MEMBERS / 2).forEach(i -> expected.add(MEMBERS - 1 - i));
            assertEquals(expected, counts, "each change counted once, the counts in seq order");
        }

        JsonObject asFirst = page(members.get(0), room).get(0);
        assertEquals("[{\"emoji\":\"👍\",\"count\":4,\"me\":false},{\"emoji\":\"🎉\",\"count\":4,\"me\":true}]",
                asFirst.getJsonArray("reactions").toString());
        JsonObject asSecond = page(members.get(1), room).get(0);
        assertTrue(asSecond.getJsonArray("reactions").getJsonObject(0).getBoolean("me"));

        assertEquals("no_change", members.get(1).react(message, "👍", true).getString("code"));
        assertEquals("invalid_field", members.get(1).react(message, "yes", true).getString("code"));
        assertEquals("ack", members.get(0).retract(message).getString("type"));
        assertEquals("already_retracted", members.get(1).react(message, "👀", true).getString("code"));
        assertFalse(page(members.get(1), room).get(0).containsKey("reactions"), "a retraction takes them away");
        members.forEach(ChatClient::leaveAndClose);
    }

    @Test
    void aClientThatResumesGetsTheRepliesAndReactionsItMissed() {
        String room = "resume-threads-" + suffix;
        ChatClient writer = ChatClient.connect(ChatWar.BASE, "writer-" + suffix);
        writer.join(room);
        long root = id(writer.say(room, "plans for friday"));
        ChatClient away = ChatClient.connect(ChatWar.BASE, "away-" + suffix);
        long lastSeen = away.join(room).getJsonNumber("lastSeq").longValue();
        away.leaveAndClose();

        writer.reply(room, root, "pizza");
        writer.react(root, "🍕", true);
        ChatClient other = ChatClient.connect(ChatWar.BASE, "other-" + suffix);
        other.join(room);
        other.react(root, "🍕", true);
        other.retract(id(other.reply(room, root, "no, tacos")));

        ChatClient back = ChatClient.connect(ChatWar.BASE, "away-" + suffix);
        assertEquals(5, back.join(room, lastSeen).getInt("replayed"));
        List<JsonObject> replayed = back.awaitInRoom(room, "retracted", 1);
        List<String> seen = back.frames().stream().filter(frame -> frame.containsKey("seq")
                && frame.getString("room", "").equals(room) && seq(frame) > lastSeen)
                .map(frame -> frame.getString("type") + " " + frame.getInt("threadReplies", 0) + " "
                        + frame.getInt("count", 0)).toList();
        assertEquals(List.of("message 1 0", "reaction 0 1", "reaction 0 2", "message 2 0", "retracted 0 0"), seen);
        assertEquals(LongStream.rangeClosed(lastSeen + 1, lastSeen + 5).boxed().toList(), back.frames().stream()
                .filter(frame -> frame.containsKey("seq") && frame.getString("room", "").equals(room)
                        && seq(frame) > lastSeen).map(RepliesAndReactionsIT::seq).toList());
        assertEquals(1, replayed.size());

        JsonObject head = back.thread(room, root).getJsonArray("events").getJsonObject(0);
        assertEquals(2, head.getInt("replies"), "a retracted reply still counts");
        assertEquals("[{\"emoji\":\"🍕\",\"count\":2,\"me\":false}]", head.getJsonArray("reactions").toString());
        writer.leaveAndClose();
        other.leaveAndClose();
        back.leaveAndClose();
    }

    @Test
    void aReplyCannotReachIntoAnotherRoom() {
        ChatClient alice = ChatClient.connect(ChatWar.BASE, "alice-" + suffix);
        String room = "here-" + suffix;
        String elsewhere = "there-" + suffix;
        alice.join(room);
        alice.join(elsewhere);
        long there = id(alice.say(elsewhere, "over there"));
        assertEquals("not_found", alice.reply(room, there, "crossing").getString("code"));
        assertEquals("not_found", alice.thread(room, there).getString("code"));
        assertEquals("invalid_field", alice.reply(room, 0, "zero").getString("code"));
        assertEquals(404, api.call("GET", "api/rooms/" + room + "/messages?thread=" + there, "Authorization",
                TestUsers.authorization("alice-" + suffix)).statusCode());
        alice.leaveAndClose();
    }

    private static List<JsonObject> page(ChatClient client, String room) {
        return client.request(jakarta.json.Json.createObjectBuilder().add("type", "history").add("room", room)
                .add("limit", 200).build()).getJsonArray("events").getValuesAs(JsonObject.class);
    }
}
