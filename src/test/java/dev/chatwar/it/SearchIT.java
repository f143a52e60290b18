package dev.chatwar.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;

/**
 * Search against the deployed WAR: what users write at the same moment is found within seconds, each finds only
 * what it may read, edits and retractions show, and hostile queries get a clear answer.
 */
class SearchIT extends DeployedWar {

    private static final int WRITERS = 6;

    private List<String> found(String user, String q) {
        return found(user, q, "");
    }

    private List<String> found(String user, String q, String query) {
        return new ServerApi(ChatWar.BASE, TestUsers.token(user)).searchTexts(q, query);
    }

    @Test
    void whatMembersWriteAtOnceIsFoundByThemAndNeverByOutsiders() {
        String word = "quokka" + suffix;
        String team = "search-team-" + suffix;
        String hideout = "search-hideout-" + suffix;
        List<ChatClient> writers = AllAtOnce.run(WRITERS, i -> {
            ChatClient writer = ChatClient.connect(ChatWar.BASE, "writer" + i + "-" + suffix);
            writer.join(team);
            writer.say(team, word + " sighting number " + i);
            return writer;
        });
        ChatClient insider = writers.get(0);
        insider.request(jakarta.json.Json.createObjectBuilder().add("type", "join").add("room", hideout)
                .add("private", true).build());
        insider.say(hideout, word + " secret plans");
        ChatClient outsider = ChatClient.connect(ChatWar.BASE, "outsider-" + suffix);

        ChatClient.waiting().until(() -> found(insider.user(), word).size(), Matchers.equalTo(WRITERS + 1));
        Set<String> everyone = new TreeSet<>(found("writer3-" + suffix, word));
        assertEquals(WRITERS, everyone.size(), "a member of the team, not of the hideout: " + everyone);
        assertTrue(everyone.stream().noneMatch(text -> text.contains("secret")));
        assertEquals(List.of(), found(outsider.user(), word), "a member of neither room");

        assertEquals(List.of(word + " sighting number 4"), found(insider.user(), "\"sighting number 4\" " + word));
        assertEquals(List.of(word + " secret plans"), found(insider.user(), word + " -sighting"));
        assertEquals(WRITERS, found(insider.user(), word, "room=" + team + "&sort=relevance").size());
        assertEquals(List.of(word + " sighting number 2"), found(insider.user(), word, "user=WRITER2-" + suffix));
        assertEquals(List.of(), found(insider.user(), word, "to=2000-01-01T00:00:00Z"));
        assertEquals(403, search(outsider.user(), word + "&room=" + hideout).statusCode());
        writers.forEach(ChatClient::leaveAndClose);
        outsider.leaveAndClose();
    }

    @Test
    void anEditIsFoundByItsNewTextAndARetractedMessageNoLonger() {
        String room = "search-edits-" + suffix;
        ChatClient alice = ChatClient.connect(ChatWar.BASE, "editor-" + suffix);
        alice.join(room);
        long id = alice.say(room, "meet at the wombat" + suffix).getJsonNumber("id").longValue();
        long gone = alice.say(room, "wombat" + suffix + " burrow photos").getJsonNumber("id").longValue();
        ChatClient.waiting().until(() -> found(alice.user(), "wombat" + suffix + "*").size(), Matchers.equalTo(2));

        alice.edit(id, "meet at the numbat" + suffix);
        alice.retract(gone);
        ChatClient.waiting().until(() -> found(alice.user(), "wombat" + suffix + "*"), Matchers.empty());
        JsonObject hit = new ServerApi(ChatWar.BASE, TestUsers.token(alice.user()))
                .search("numbat" + suffix, "").get(0);
        assertEquals(id, hit.getJsonNumber("id").longValue());
        assertEquals(room, hit.getString("room"));
        int start = hit.getJsonArray("matches").getJsonArray(0).getInt(0);
        int end = hit.getJsonArray("matches").getJsonArray(0).getInt(1);
        assertEquals("numbat" + suffix, hit.getString("text").substring(start, end), "the match as offsets");
        alice.leaveAndClose();
    }

    @Test
    void hostileQueriesAreAnsweredClearlyAndManyAtOnceNeverFail() {
        String user = "prober-" + suffix;
        for (String q : List.of("/.*/", "a*", "*x", "w?rd~", "room:secret", "\"open", "x".repeat(201))) {
            HttpResponse<String> refused = search(user, URLEncoder.encode(q, StandardCharsets.UTF_8));
            assertEquals(400, refused.statusCode(), q);
            assertEquals("invalid_field", ServerApi.errorCode(refused), q);
        }
        assertEquals(400, search(user, "x&limit=51").statusCode());
        assertEquals(401, api.call("GET", "api/search?q=x").statusCode());

        // 40 users at once: each gets its answer or server_busy, never an error of the server's
        List<String> signedIn = java.util.stream.IntStream.range(0, 40)
                .mapToObj(i -> TestUsers.authorization("many" + i + "-" + suffix)).toList();
        List<Integer> statuses = AllAtOnce.run(40, i -> api.call("GET", "api/search?q=deplo*", "Authorization",
                signedIn.get(i)).statusCode());
        assertTrue(statuses.stream().allMatch(status -> status == 200 || status == 503), statuses.toString());
    }

    private HttpResponse<String> search(String user, String encodedQuery) {
        return api.call("GET", "api/search?q=" + encodedQuery, "Authorization", TestUsers.authorization(user));
    }
}
