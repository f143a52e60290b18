package dev.chatwar.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

class RoomsIT extends DeployedWar {

    @Test
    void aRoomsMessagesReachOnlyItsMembers() {
        String red = "red-" + suffix;
        String blue = "blue-" + suffix;
        ChatClient alice = ChatClient.connect(ChatWar.BASE, "alice-" + suffix);
        ChatClient bob = ChatClient.connect(ChatWar.BASE, "bob-" + suffix);
        alice.join(red);
        alice.join(blue);
        bob.join(blue);

        alice.say(red, "for red only");
        alice.say(blue, "for blue");

        assertEquals("for blue", bob.awaitInRoom(blue, "message", 1).get(0).getString("text"));
        assertTrue(bob.inRoom(red, "message").isEmpty(), "bob is not in red");
        assertTrue(bob.frames().stream().noneMatch(f -> "for red only".equals(f.getString("text", null))));
        assertEquals(1, alice.awaitInRoom(red, "message", 1).get(0).getInt("seq"));
        assertEquals(1, alice.awaitInRoom(blue, "message", 1).get(0).getInt("seq"), "each room counts on its own");

        JsonObject refused = bob.say(red, "let me in");
        assertEquals("error", refused.getString("type"));
        assertEquals("not_in_room", refused.getString("code"));
        closeAll(alice, bob);
    }

    @Test
    void presenceCountsAUserOnceAcrossConnectionsAndLeavesWithTheLast() {
        String room = "presence-" + suffix;
        String carol = "carol-" + suffix;
        ChatClient dave = ChatClient.connect(ChatWar.BASE, "dave-" + suffix);
        dave.join(room);
        ChatClient carolPhone = ChatClient.connect(ChatWar.BASE, carol);
        ChatClient carolLaptop = ChatClient.connect(ChatWar.BASE, carol);
        JsonObject joined = carolPhone.join(room);
        carolLaptop.join(room);

        assertEquals(List.of(dave.user(), carol), joined.getJsonArray("present").getValuesAs(
                jakarta.json.JsonString.class).stream().map(jakarta.json.JsonString::getString).toList());
        JsonObject arrival = dave.awaitInRoom(room, "presence", 1).get(0);
        assertEquals(carol, arrival.getString("user"));
        assertEquals("joined", arrival.getString("state"));
        assertEquals(List.of(dave.user(), carol), api.present(room));

        carolPhone.closeNormally();
        assertEquals("left", carolLaptop.leave(room).getString("type"));
        JsonObject departure = dave.awaitInRoom(room, "presence", 2).get(1);
        assertEquals(carol, departure.getString("user"));
        assertEquals("left", departure.getString("state"));
        assertEquals(2, dave.inRoom(room, "presence").size(), "one arrival and one departure for two connections");
        assertEquals(List.of(dave.user()), api.present(room));
        closeAll(dave, carolLaptop);
    }

    @Test
    void anAuthorEditsAndThenRetractsAMessageWhichBecomesATombstone() {
        String room = "retract-" + suffix;
        ChatClient erin = ChatClient.connect(ChatWar.BASE, "erin-" + suffix);
        ChatClient frank = ChatClient.connect(ChatWar.BASE, "frank-" + suffix);
        erin.join(room);
        frank.join(room);
        long id = erin.say(room, "regrettable").getJsonNumber("id").longValue();

        assertEquals("not_your_message", frank.edit(id, "frank was here").getString("code"));
        assertEquals(2, erin.edit(id, "less regrettable").getInt("seq"));
        JsonObject edited = frank.awaitInRoom(room, "edited", 1).get(0);
        assertEquals(id, edited.getJsonNumber("messageId").longValue());
        assertEquals("less regrettable", edited.getString("text"));
        JsonObject latest = api.history(room, 10).getJsonObject(0);
        assertEquals("less regrettable", latest.getString("text"));
        assertTrue(latest.getBoolean("edited"));

        assertEquals("not_your_message", frank.retract(id).getString("code"));
        JsonObject ack = erin.retract(id);
        assertEquals("ack", ack.getString("type"));
        assertEquals(3, ack.getInt("seq"));

        JsonObject event = frank.awaitInRoom(room, "retracted", 1).get(0);
        assertEquals(id, event.getJsonNumber("messageId").longValue());
        assertEquals(erin.user(), event.getString("user"));
        assertEquals("already_retracted", erin.retract(id).getString("code"));
        assertEquals("already_retracted", erin.edit(id, "too late").getString("code"));
        assertEquals("not_found", erin.retract(Long.MAX_VALUE).getString("code"));

        JsonArray history = api.history(room, 10);
        assertEquals(List.of("message", "edited", "retracted"),
                history.getValuesAs(JsonObject.class).stream().map(e -> e.getString("type")).toList());
        JsonObject tombstone = history.getJsonObject(0);
        assertTrue(tombstone.getBoolean("retracted"));
        assertTrue(tombstone.isNull("text"));
        assertTrue(history.getJsonObject(1).isNull("text"), "the edit keeps no text of a retracted message");
        closeAll(erin, frank);
    }

    @Test
    void aMessagePublishedOverHttpIsStoredAndPushedToTheRoomsSockets() {
        String room = "http-" + suffix;
        String grace = "grace-" + suffix;
        ChatClient graceSocket = ChatClient.connect(ChatWar.BASE, grace);
        ChatClient heidi = ChatClient.connect(ChatWar.BASE, "heidi-" + suffix);
        graceSocket.join(room);
        heidi.join(room);
        heidi.say(room, "first");

        HttpResponse<String> created = api.post(room, grace, "{\"text\":\"<script>alert(1)</script>\"}");
        assertEquals(201, created.statusCode(), created.body());
        JsonObject stored = (JsonObject) ServerApi.json(created);
        assertEquals(2, stored.getInt("seq"));

        JsonObject pushed = heidi.awaitInRoom(room, "message", 2).get(1);
        assertEquals("<script>alert(1)</script>", pushed.getString("text"), "text is stored and sent verbatim");
        assertEquals(stored.getJsonNumber("id"), pushed.getJsonNumber("id"));
        assertFalse(pushed.getBoolean("own"));
        assertTrue(graceSocket.awaitInRoom(room, "message", 2).get(1).getBoolean("own"),
                "the author's sockets see an HTTP-published message as their own");

        JsonArray history = api.history(room, 1);
        assertEquals(1, history.size(), "limit is honoured, newest kept");
        assertEquals(2, history.getJsonObject(0).getInt("seq"));
        assertEquals(List.of("first", "<script>alert(1)</script>"),
                api.history(room, 50).getValuesAs(JsonObject.class).stream().map(m -> m.getString("text")).toList());
        closeAll(graceSocket, heidi);
    }

    @Test
    void aSendRetriedWithItsClientIdAfterAReconnectIsStoredOnce() {
        String room = "retry-" + suffix;
        String kim = "kim-" + suffix;
        ChatClient before = ChatClient.connect(ChatWar.BASE, kim);
        before.join(room);
        JsonObject send = Json.createObjectBuilder().add("type", "send").add("room", room)
                .add("text", "exactly once").add("clientId", "kim-msg-1").build();
        JsonObject first = before.request(send);
        before.closeNormally();

        ChatClient after = ChatClient.connect(ChatWar.BASE, kim);
        after.join(room);
        JsonObject retry = after.request(send);

        assertEquals(first.getJsonNumber("id"), retry.getJsonNumber("id"));
        assertEquals(first.getInt("seq"), retry.getInt("seq"));
        assertTrue(retry.getBoolean("duplicate"));
        assertEquals(1, api.history(room, 10).size());

        HttpResponse<String> created = api.post(room, kim, "{\"text\":\"over http\",\"clientId\":\"kim-msg-2\"}");
        HttpResponse<String> repeated = api.post(room, kim, "{\"text\":\"over http\",\"clientId\":\"kim-msg-2\"}");
        assertEquals(201, created.statusCode());
        assertEquals(200, repeated.statusCode());
        assertEquals(((JsonObject) ServerApi.json(created)).getJsonNumber("id"),
                ((JsonObject) ServerApi.json(repeated)).getJsonNumber("id"));
        assertEquals(2, api.history(room, 10).size());
        closeAll(after);
    }

    @Test
    void aReadPositionIsKeptPerUserGivesUnreadCountsAndSendsReceiptsToWhoAskedForThem() {
        String room = "reading-" + suffix;
        String liam = "liam-" + suffix;
        ChatClient mia = ChatClient.connect(ChatWar.BASE, "mia-" + suffix);
        mia.request(Json.createObjectBuilder().add("type", "join").add("room", room).add("receipts", true).build());
        mia.sayMany(room, "news", 3);
        ChatClient liamPhone = ChatClient.connect(ChatWar.BASE, liam);
        JsonObject joined = liamPhone.join(room);
        assertEquals(0, joined.getInt("readSeq"));
        assertEquals(3, joined.getInt("unread"));

        JsonObject read = liamPhone.request(Json.createObjectBuilder().add("type", "read").add("room", room)
                .add("seq", 2).build());
        assertEquals("read", read.getString("type"));
        assertEquals(2, read.getInt("seq"));
        JsonObject receipt = mia.awaitInRoom(room, "receipt", 1).get(0);
        assertEquals(liam, receipt.getString("user"));
        assertEquals(2, receipt.getInt("seq"));

        ChatClient liamLaptop = ChatClient.connect(ChatWar.BASE, liam);
        JsonObject later = liamLaptop.join(room);
        assertEquals(2, later.getInt("readSeq"), "the position belongs to the user, on every device");
        assertEquals(1, later.getInt("unread"));
        closeAll(mia, liamPhone, liamLaptop);
    }

    @Test
    void typingIsShownToTheOthersInTheRoomAndNeverStored() {
        String room = "typing-" + suffix;
        ChatClient nina = ChatClient.connect(ChatWar.BASE, "nina-" + suffix);
        ChatClient omar = ChatClient.connect(ChatWar.BASE, "omar-" + suffix);
        nina.join(room);
        omar.join(room);

        nina.sendRaw("{\"type\":\"typing\",\"room\":\"" + room + "\"}");

        assertEquals(nina.user(), omar.awaitInRoom(room, "typing", 1).get(0).getString("user"));
        assertEquals(0, api.history(room, 10).size());
        assertTrue(nina.inRoom(room, "typing").isEmpty());
        closeAll(nina, omar);
    }

    @Test
    void historyPagesByCursorOverTheSocketAndOverHttp() {
        String room = "pages-" + suffix;
        ChatClient judy = ChatClient.connect(ChatWar.BASE, "judy-" + suffix);
        judy.join(room);
        for (int i = 1; i <= 7; i++) {
            judy.say(room, "m" + i);
        }

        assertEquals(List.of(5L, 6L, 7L), seqs(api.history(room, "limit=3")));
        assertEquals(List.of(2L, 3L, 4L), seqs(api.history(room, "before=5&limit=3")));
        assertEquals(List.of(5L, 6L), seqs(api.history(room, "after=4&limit=2")));
        assertEquals(List.of(), seqs(api.history(room, "after=7")));

        JsonObject page = judy.request(Json.createObjectBuilder().add("type", "history").add("room", room)
                .add("after", 0).add("limit", 200).build());
        assertEquals("history", page.getString("type"));
        List<JsonObject> events = page.getJsonArray("events").getValuesAs(JsonObject.class);
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L), seqs(events));
        assertTrue(events.stream().allMatch(event -> event.getBoolean("own")));
        closeAll(judy);
    }

    @Test
    void theHttpApiRefusesBadRequestsWithACodeAndStatus() {
        assertError(api.post("r-" + suffix, null, "{\"text\":\"hi\"}"), 401, "unauthenticated");
        assertError(api.post("r-" + suffix, "ivan", "{\"text\":"), 400, "malformed_json");
        assertError(api.post("r-" + suffix, "ivan", "{}"), 400, "missing_field");
        assertError(api.post("r-" + suffix, "ivan", "{\"text\":\"" + "x".repeat(4001) + "\"}"), 400, "invalid_field");
        assertError(api.post("bad%20room", "ivan", "{\"text\":\"hi\"}"), 400, "invalid_field");
        assertError(api.get("api/rooms/r/messages?limit=0"), 400, "invalid_field");
        assertError(api.get("api/rooms/r/messages?limit=201"), 400, "invalid_field");
        assertError(api.get("api/rooms/r/messages?before=3&after=1"), 400, "invalid_field");
        assertError(api.get("api/rooms/r/messages?after=x"), 400, "invalid_field");
        assertEquals(0, api.history("r-" + suffix, 10).size(), "nothing refused was stored");
    }

    private static List<Long> seqs(List<JsonObject> events) {
        return events.stream().map(event -> event.getJsonNumber("seq").longValue()).toList();
    }

    private static void assertError(HttpResponse<String> response, int status, String code) {
        assertEquals(status, response.statusCode(), response.body());
        assertEquals(code, ServerApi.errorCode(response), response.body());
    }

    private void closeAll(ChatClient... clients) {
        for (ChatClient client : clients) {
            client.closeNormally();
        }
        api.awaitConnections(0);
    }
}
