package dev.chatwar.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chatwar.support.ContractDocuments;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * docs/contract/openapi.yaml and asyncapi.yaml against the running server: every documented operation is called
 * and answers a documented status with a body of the documented schema; every frame of a session that makes the
 * server send each documented message validates against the schema of its type.
 */
class ContractIT extends DeployedWar {

    private final ContractDocuments documents = new ContractDocuments();

    @Test
    void everyFrameOfASessionIsADocumentedMessageAndEveryDocumentedMessageIsSent() {
        String room = "contract-" + suffix;
        String alice = "cora-" + suffix;
        String bob = "dan-" + suffix;
        ChatClient first = ChatClient.connect(ChatWar.BASE, alice);
        ChatClient second = ChatClient.connect(ChatWar.BASE, bob);
        second.conversations(); // from now on bob's connection hears of new messages in rooms it has not joined
        first.conversations();
        first.request(Json.createObjectBuilder().add("type", "join").add("room", room).add("receipts", true).build());
        second.join(room);
        second.sendRaw("{\"type\":\"typing\",\"room\":\"" + room + "\"}");
        long id = first.say(room, "hello @" + bob).getJsonNumber("id").longValue();
        first.edit(id, "hello again");
        second.reply(room, id, "a reply, quoting it");
        second.react(id, "👍", true);
        first.react(id, "👍", true);
        first.react(id, "👍", false);
        first.thread(room, id); // the message with its replies and reactions, then the reply with its quote
        long seq = first.retract(id).getJsonNumber("seq").longValue();
        second.request(Json.createObjectBuilder().add("type", "read").add("room", room).add("seq", seq).build());
        first.request(Json.createObjectBuilder().add("type", "history").add("room", room).build());
        first.moderate(room, "mute", bob, Json.createObjectBuilder().add("duration", 60).add("reason", "test").build());
        assertEquals("muted", second.say(room, "refused").getString("code"));
        String plans = "plans-" + suffix;
        first.request(Json.createObjectBuilder().add("type", "join").add("room", plans).add("private", true).build());
        first.request(Json.createObjectBuilder().add("type", "invite").add("room", plans).add("user", bob).build());
        first.join(dmOf(alice, bob));
        first.say(dmOf(alice, bob), "a direct message");
        first.leave(room);

        second.await(frame -> frame.getString("type").equals("invitation"));
        second.await(frame -> frame.getString("type").equals("activity"));
        first.await(frame -> frame.getString("type").equals("receipt"));
        first.await(frame -> frame.getString("type").equals("typing"));
        Set<String> seen = new TreeSet<>();
        for (ChatClient client : List.of(first, second)) {
            for (JsonObject frame : client.frames()) {
                String type = frame.getString("type");
                assertTrue(documents.asyncapi().at("/components/messages/" + type).isObject(), "undocumented: " + frame);
                assertEquals(List.of(), documents.problems("/asyncapi/components/messages/" + type + "/payload",
                        frame.toString()), frame.toString());
                seen.add(type);
            }
        }
        Set<String> documented = new TreeSet<>();
        for (String operation : List.of("reply", "event")) {
            documents.asyncapi().at("/operations/" + operation + "/messages")
                    .forEach(message -> documented.add(message.get("$ref").asString().replaceAll(".*/", "")));
        }
        assertEquals(documented, seen, "every message the server sends was sent in the session");
        List.of(first, second).forEach(ChatClient::leaveAndClose);
    }

    @Test
    void everyDocumentedOperationAnswersADocumentedStatusWithItsSchema() {
        String user = "ops-" + suffix;
        String room = "ops-room-" + suffix;
        String auth = TestUsers.authorization(user);
        String moderator = TestUsers.authorization("moderator");
        api.sendJson("POST", "api/rooms/" + room + "/messages", text("first"), "Authorization", auth);
        Map<String, Supplier<HttpResponse<String>>> calls = new LinkedHashMap<>();
        calls.put("register", () -> api.register("new-" + suffix, "a fine password"));
        calls.put("profiles", () -> api.call("GET", "api/users?names=" + user + ",moderator", "Authorization", auth));
        calls.put("setProfile", () -> api.sendJson("PUT", "api/users/me/profile",
                Json.createObjectBuilder().add("displayName", "Ops").build(), "Authorization", auth));
        calls.put("changePassword", () -> api.sendJson("PUT", "api/users/me/password", Json.createObjectBuilder()
                .add("password", TestUsers.password("pw-" + suffix)).add("newPassword", "another password " + suffix)
                .build(), "Authorization", TestUsers.authorization("pw-" + suffix)));
        calls.put("closeAccount", () -> api.sendJson("POST", "api/users/me/close", Json.createObjectBuilder()
                .add("password", TestUsers.password("gone-" + suffix)).build(), "Authorization",
                TestUsers.authorization("gone-" + suffix)));
        calls.put("signIn", () -> api.login(user, TestUsers.password(user), null));
        calls.put("currentSession", () -> api.call("GET", "api/sessions/current", "Authorization", auth));
        calls.put("signOut", () -> api.call("DELETE", "api/sessions/current", "Authorization", "Bearer "
                + ServerApi.parse(api.login(user, TestUsers.password(user), null).body()).asJsonObject().getString("token")));
        calls.put("ticket", () -> api.call("POST", "api/sessions/current/tickets", "Authorization", auth));
        calls.put("publish", () -> api.sendJson("POST", "api/rooms/" + room + "/messages", text("hi"),
                "Authorization", auth));
        calls.put("history", () -> api.call("GET", "api/rooms/" + room + "/messages?limit=5", "Authorization", auth));
        calls.put("presence", () -> api.call("GET", "api/rooms/" + room + "/presence", "Authorization", auth));
        calls.put("roomModeration", () -> api.call("GET", "api/rooms/" + room + "/moderation", "Authorization", auth));
        calls.put("conversations", () -> api.call("GET", "api/conversations", "Authorization", auth));
        calls.put("search", () -> api.call("GET", "api/search?q=fir*&sort=relevance", "Authorization", auth));
        calls.put("upload", () -> uploaded = api.sendBytes("POST", "api/rooms/" + room + "/files?name=dot.png",
                FilesIT.PNG, "Authorization", auth));
        calls.put("download", () -> api.call("GET", "api/files/" + fileId(), "Authorization", auth));
        calls.put("serverBans", () -> api.call("GET", "api/bans", "Authorization", moderator));
        calls.put("banFromServer", () -> api.sendJson("POST", "api/bans", Json.createObjectBuilder()
                .add("user", "banned-" + suffix).add("duration", 60).build(), "Authorization", moderator));
        calls.put("liftServerBan", () -> api.call("DELETE", "api/bans/banned-" + suffix, "Authorization", moderator));
        calls.put("health", () -> api.call("GET", "api/health"));
        calls.put("liveness", () -> api.call("GET", "api/health/live"));
        calls.put("readiness", () -> api.call("GET", "api/health/ready"));
        calls.put("metrics", () -> api.call("GET", "api/metrics"));
        calls.put("stats", () -> api.call("GET", "api/stats"));
        TestUsers.token("banned-" + suffix);

        List<String> called = new ArrayList<>();
        for (Operation operation : operations()) {
            Supplier<HttpResponse<String>> call = calls.get(operation.id());
            assertTrue(call != null, "no call for the documented operation " + operation.id());
            conforms(operation, call.get());
            called.add(operation.id());
            if (operation.secured()) {
                HttpResponse<String> anonymous = operation.hasJsonBody()
                        ? api.sendRaw(operation.verb().toUpperCase(), operation.path(), "{}")
                        : api.call(operation.verb().toUpperCase(), operation.path());
                assertEquals(401, anonymous.statusCode(), operation.id() + " without credentials");
                conforms(operation, anonymous);
            }
            if (operation.hasJsonBody()) {
                HttpResponse<String> broken = api.sendRaw(operation.verb().toUpperCase(), operation.path(), "{",
                        "Authorization", operation.id().equals("banFromServer") ? moderator : auth);
                assertEquals("malformed_json", ServerApi.errorCode(broken), operation.id() + " with a broken body");
                conforms(operation, broken);
            }
        }
        assertEquals(new TreeSet<>(calls.keySet()), new TreeSet<>(called), "a call for no documented operation");
    }

    /** @param template the path as the document names it; {@code path}: with this test's room and user in it */
    private record Operation(String id, String verb, String template, String path, JsonNode node) {
        boolean secured() {
            return !node.has("security") || !node.get("security").isEmpty();
        }

        boolean hasJsonBody() {
            return node.at("/requestBody/content/application~1json").isObject()
                    || node.at("/requestBody/$ref").isString();
        }
    }

    private List<Operation> operations() {
        List<Operation> operations = new ArrayList<>();
        documents.openapi().get("paths").properties().forEach(path -> path.getValue().properties().forEach(verb -> {
            if (verb.getValue().has("operationId")) {
                String concrete = path.getKey().replace("{room}", "ops-room-" + suffix)
                        .replace("{user}", "banned-" + suffix).replace("{id}", "0".repeat(32));
                operations.add(new Operation(verb.getValue().get("operationId").asString(), verb.getKey(),
                        path.getKey(), "api" + concrete, verb.getValue()));
            }
        }));
        return operations;
    }

    // the status is one the document lists for the operation, and a JSON body has that status's schema
    private void conforms(Operation operation, HttpResponse<String> response) {
        String status = Integer.toString(response.statusCode());
        JsonNode documented = operation.node().at("/responses/" + status);
        assertTrue(documented.isObject(), operation.id() + " answered " + status + ", not documented: " + response.body());
        String at = "/openapi/paths/" + operation.template().replace("/", "~1") + "/" + operation.verb()
                + "/responses/" + status;
        JsonNode json = documented.has("$ref") ? documents.openapi().at(documented.get("$ref").asString()
                .replace("#/openapi", "")) : documented;
        if (json.at("/content/application~1json/schema").isObject()) {
            String pointer = documented.has("$ref") ? documented.get("$ref").asString().substring(1) : at;
            assertEquals(List.of(), documents.problems(pointer + "/content/application~1json/schema", response.body()),
                    operation.id() + " " + status + ": " + response.body());
        }
    }

    private HttpResponse<String> uploaded;

    // the file the upload call stored: downloaded next, by its uploader
    private String fileId() {
        return ServerApi.parse(uploaded.body()).asJsonObject().getString("id");
    }

    private static JsonObject text(String text) {
        return Json.createObjectBuilder().add("text", text).build();
    }

    private static String dmOf(String one, String other) {
        return one.compareTo(other) < 0 ? "dm:" + one + ":" + other : "dm:" + other + ":" + one;
    }
}
