package dev.chatwar.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.websocket.CloseReason;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A user's own account: a new password signs out every other device; a closed account keeps its messages' name. */
class AccountIT extends DeployedWar {

    private static final int DEVICES = 8;

    @Test
    void aNewPasswordClosesEveryOtherDeviceAtOnceWith4401AndOnlyTheNewPasswordSignsIn() {
        String user = "account-" + suffix;
        String password = TestUsers.password(user);
        TestUsers.token(user); // registered
        // one after the other: sign-ins in flight count toward the name's lockout of 5 (docs/protocol.md, section 9)
        List<String> tokens = java.util.stream.IntStream.range(0, DEVICES).mapToObj(i -> token(user, password)).toList();
        List<ChatClient> devices = AllAtOnce.run(DEVICES, i -> ChatClient.connect(ChatWar.BASE, user, tokens.get(i), null));
        String laptop = "Bearer " + tokens.get(0);

        assertEquals("bad_credentials", ServerApi.errorCode(change(laptop, "a guess", "new password 1")));
        assertEquals("weak_password", ServerApi.errorCode(change(laptop, password, "short")));
        assertTrue(devices.stream().allMatch(ChatClient::isOpen), "a refused change ends nothing");

        IssuedSecrets.add("new password 1");
        assertEquals(204, change(laptop, password, "new password 1").statusCode());
        List<CloseReason> closes = devices.subList(1, DEVICES).stream().map(ChatClient::awaitClose).toList();
        assertEquals(List.of(4401), closes.stream().map(close -> close.getCloseCode().getCode()).distinct().toList());
        assertEquals("ack", devices.get(0).say("lobby", "still here").getString("type"), "the laptop stays");
        assertEquals(401, api.call("GET", "api/sessions/current", "Authorization", "Bearer " + tokens.get(1)).statusCode());
        assertEquals(401, api.login(user, password, null).statusCode());
        assertEquals(201, api.login(user, "new password 1", null).statusCode());
        devices.get(0).leaveAndClose();
    }

    @Test
    void aClosedAccountEndsEverySessionAndItsMessagesStayUnderANameNobodyCanTake() {
        String user = "closing-" + suffix;
        String room = "farewell-" + suffix;
        String password = TestUsers.password(user);
        ChatClient leaving = ChatClient.connect(ChatWar.BASE, user);
        leaving.join(room);
        leaving.say(room, "goodbye all");
        String other = "Bearer " + token(user, password);

        assertEquals("bad_credentials", ServerApi.errorCode(close(other, "a guess")));
        assertEquals(204, close(other, password).statusCode());

        assertEquals(4401, leaving.awaitClose().getCloseCode().getCode());
        assertEquals(401, api.call("GET", "api/sessions/current", "Authorization", other).statusCode());
        assertEquals("bad_credentials", ServerApi.errorCode(api.login(user, password, null)),
                "as if the name were nobody's");
        assertEquals("user_taken", ServerApi.errorCode(api.register(user.toUpperCase(), "another password")));
        JsonObject kept = ServerApi.json(api.get("api/rooms/" + room + "/messages")).asJsonArray().getJsonObject(0);
        assertEquals(user, kept.getString("user"));
        assertEquals("goodbye all", kept.getString("text"));
    }

    @Test
    void aDisplayNameIsSeenByOthersBesideTheSignInNameAndOneThatCouldDisguiseItselfIsRefused() {
        String user = "shown-" + suffix;
        String other = "looker-" + suffix;
        String authorization = TestUsers.authorization(user);
        assertEquals("invalid_field", ServerApi.errorCode(profile(authorization, "admin\u202Egnp.exe")));
        assertEquals("invalid_field", ServerApi.errorCode(profile(authorization, "x".repeat(65))));

        HttpResponse<String> set = profile(authorization, "  Shown Name  ");
        assertEquals(200, set.statusCode(), set.body());
        assertEquals("Shown Name", ServerApi.parse(set.body()).asJsonObject().getString("displayName"));
        JsonObject looked = ServerApi.json(api.getAs(other, "api/users?names=" + user.toUpperCase() + "," + other
                + ",nobody-" + suffix)).asJsonObject();
        java.util.Map<String, String> shown = new java.util.HashMap<>();
        looked.getJsonArray("users").forEach(entry -> shown.put(entry.asJsonObject().getString("user"),
                entry.asJsonObject().isNull("displayName") ? null : entry.asJsonObject().getString("displayName")));
        assertEquals(java.util.Map.of(user, "Shown Name"), java.util.Map.of(user, shown.get(user)));
        assertTrue(shown.containsKey(other) && shown.get(other) == null, "no display name: null");
        assertEquals(2, shown.size(), "a name of nobody is left out");
        assertEquals(401, api.call("GET", "api/users?names=" + user).statusCode(), "for signed-in users only");
        assertEquals("invalid_field", ServerApi.errorCode(api.getAs(other, "api/users?names=" + "a,".repeat(100) + "b")));
    }

    private HttpResponse<String> profile(String authorization, String displayName) {
        return api.sendJson("PUT", "api/users/me/profile", Json.createObjectBuilder().add("displayName", displayName)
                .build(), "Authorization", authorization);
    }

    private String token(String user, String password) {
        HttpResponse<String> login = api.login(user, password, null);
        assertEquals(201, login.statusCode(), login.body());
        return ServerApi.parse(login.body()).asJsonObject().getString("token");
    }

    private HttpResponse<String> change(String authorization, String current, String next) {
        return api.sendJson("PUT", "api/users/me/password", Json.createObjectBuilder().add("password", current)
                .add("newPassword", next).build(), "Authorization", authorization);
    }

    private HttpResponse<String> close(String authorization, String password) {
        return api.sendJson("POST", "api/users/me/close", Json.createObjectBuilder().add("password", password).build(),
                "Authorization", authorization);
    }
}
