package dev.chatwar.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Memberships, the conversation list, activity events and mentions (docs/protocol.md, sections 3 to 5). */
class ConversationsIT extends DeployedWar {

    @Test
    void roomsAndDirectMessagesStayListedAcrossReconnectsWithUnreadAndMentionCounts() {
        String alice = "alice-" + suffix;
        String bob = "bob-" + suffix;
        String team = "team-" + suffix;
        String quiet = "quiet-" + suffix;
        String direct = "dm:" + alice + ":" + bob;
        ChatClient aliceSocket = ChatClient.connect(ChatWar.BASE, alice);
        ChatClient bobSocket = ChatClient.connect(ChatWar.BASE, bob);
        aliceSocket.join(quiet);
        aliceSocket.join(team);
        bobSocket.join(team);
        aliceSocket.leaveAndClose();

        bobSocket.say(team, "hello @" + alice.toUpperCase(Locale.ROOT) + ", see this");
        bobSocket.say(team, "and this");
        bobSocket.join(direct);
        bobSocket.say(direct, "psst");

        ChatClient back = ChatClient.connect(ChatWar.BASE, alice);
        JsonObject list = back.conversations();
        assertEquals(List.of(direct, team, "lobby", quiet), rooms(list), "newest activity first");
        JsonObject dm = entry(list, direct);
        assertEquals("direct", dm.getString("kind"));
        assertEquals(bob, dm.getString("with"));
        assertEquals(1, dm.getInt("unread"));
        assertEquals("psst", dm.getJsonObject("last").getString("preview"));
        JsonObject teamEntry = entry(list, team);
        assertEquals("public", teamEntry.getString("kind"));
        assertEquals(2, teamEntry.getInt("unread"));
        assertEquals(1, teamEntry.getInt("mentions"), "mentioned in any case, as registered");
        assertEquals(List.of(alice), names(bobSocket.inRoom(team, "message").get(0).getJsonArray("mentions")));
        assertEquals(list.getJsonArray("conversations"),
                ServerApi.json(api.getAs(alice, "api/conversations")).asJsonObject().getJsonArray("conversations"),
                "the HTTP list is the same");

        JsonArray mentioning = ServerApi.json(api.getAs(alice, "api/rooms/" + team + "/messages?mentions=me"))
                .asJsonArray();
        assertEquals(1, mentioning.size());
        assertEquals(1, mentioning.getJsonObject(0).getInt("seq"));
        assertEquals("invalid_field",
                ServerApi.errorCode(api.getAs(alice, "api/rooms/" + team + "/messages?mentions=you")));

        assertEquals("left", back.leave(quiet).getString("type"));
        assertFalse(rooms(back.conversations()).contains(quiet), "leaving ends the membership");
        closeAll(back, bobSocket);
    }

    @Test
    void everyMemberNotInTheRoomHearsOfEveryMessageInOrderWhileManyWriteAtOnce() {
        String room = "busy-" + suffix;
        int members = 8;
        int writers = 6;
        int each = 5;
        List<ChatClient> listeners = IntStream.range(0, members)
                .mapToObj(i -> ChatClient.connect(ChatWar.BASE, "listener" + i + "-" + suffix)).toList();
        // each becomes a member, then takes its connection out: it should hear of the room without being in it
        AllAtOnce.run(members, i -> listeners.get(i).join(room));
        AllAtOnce.run(members, i -> listeners.get(i).leaveHere(room));
        AllAtOnce.run(members, i -> listeners.get(i).conversations()); // a connection that shows the list hears
        List<ChatClient> writing = AllAtOnce.run(writers, i -> {
            ChatClient writer = ChatClient.connect(ChatWar.BASE, "writer" + i + "-" + suffix);
            writer.join(room);
            for (int n = 0; n < each; n++) {
                assertEquals("ack", writer.say(room, "message " + n + " of writer " + i).getString("type"));
            }
            return writer;
        });
        ChatClient stranger = ChatClient.connect(ChatWar.BASE, "stranger-" + suffix);
        stranger.conversations();

        int total = writers * each;
        for (ChatClient listener : listeners) {
            // one frame a second at most: the last names the newest message, and together they count them all
            ChatClient.waiting().until(() -> listener.inRoom(room, "activity").stream()
                    .anyMatch(a -> a.getInt("seq") == total));
            List<JsonObject> activity = listener.inRoom(room, "activity");
            List<Integer> seqs = activity.stream().map(a -> a.getInt("seq")).toList();
            assertEquals(seqs.stream().sorted().distinct().toList(), seqs, "in seq order, none twice");
            assertEquals(total, activity.stream().mapToInt(a -> a.getInt("newMessages")).sum(), "every message counted once");
            assertTrue(activity.size() < total, activity.size() + " frames for " + total + " messages");
            assertEquals(total, entry(listener.conversations(), room).getInt("unread"));
        }
        for (ChatClient writer : writing) {
            // a writer is a member a moment before its connection is in the room: activity only until then
            long joinedAt = writer.inRoom(room, "joined").get(0).getJsonNumber("lastSeq").longValue();
            assertTrue(writer.inRoom(room, "activity").stream().allMatch(a -> a.getInt("seq") <= joinedAt),
                    "a connection in the room gets the messages themselves");
        }
        assertTrue(stranger.inRoom(room, "activity").isEmpty(), "a user who is no member hears nothing");
        List<ChatClient> all = new ArrayList<>(listeners);
        all.addAll(writing);
        all.add(stranger);
        closeAll(all.toArray(ChatClient[]::new));
    }

    @Test
    void leavingAPrivateRoomTakesEveryConnectionOfTheUserOutAndEndsItsAccess() {
        String owner = "owner-" + suffix;
        String guest = "guest-" + suffix;
        String room = "plans-" + suffix;
        ChatClient ownerSocket = ChatClient.connect(ChatWar.BASE, owner);
        ChatClient guestLaptop = ChatClient.connect(ChatWar.BASE, guest);
        ChatClient guestPhone = ChatClient.connect(ChatWar.BASE, guest);
        ownerSocket.request(Json.createObjectBuilder().add("type", "join").add("room", room)
                .add("private", true).build());
        assertEquals("invited", ownerSocket.request(Json.createObjectBuilder().add("type", "invite")
                .add("room", room).add("user", guest).build()).getString("type"));
        guestLaptop.join(room);
        guestPhone.join(room);
        assertEquals("private", entry(guestPhone.conversations(), room).getString("kind"));

        assertEquals("left", guestLaptop.leave(room).getString("type"));
        JsonObject told = guestPhone.await(f -> f.getString("type").equals("left") && room.equals(f.getString("room"))
                && !f.containsKey("ref"));
        assertEquals(room, told.getString("room"));
        assertEquals("not_a_member", guestPhone.say(room, "am I still here?").getString("code"));
        assertEquals("not_a_member", guestPhone.join(room).getString("code"));
        ownerSocket.say(room, "after the guest left");
        assertEquals("not_a_member", ServerApi.errorCode(api.getAs(guest, "api/rooms/" + room + "/messages")));
        assertFalse(rooms(guestPhone.conversations()).contains(room));
        closeAll(ownerSocket, guestLaptop, guestPhone);
    }

    private void closeAll(ChatClient... clients) {
        long before = api.closedBy("closedByClient", 1000);
        AllAtOnce.run(clients.length, i -> clients[i].leaveAndClose());
        api.awaitConnections(0);
        assertEquals(before + clients.length, api.closedBy("closedByClient", 1000), "the server saw every close as 1000");
    }

    private static List<String> rooms(JsonObject list) {
        return list.getJsonArray("conversations").getValuesAs(JsonObject.class).stream()
                .map(c -> c.getString("room")).toList();
    }

    private static JsonObject entry(JsonObject list, String room) {
        return list.getJsonArray("conversations").getValuesAs(JsonObject.class).stream()
                .filter(c -> c.getString("room").equals(room)).findFirst()
                .orElseThrow(() -> new AssertionError(room + " is not listed: " + list));
    }

    private static List<String> names(JsonArray names) {
        return names.getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
    }
}
