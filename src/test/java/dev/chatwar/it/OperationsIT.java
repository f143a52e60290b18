package dev.chatwar.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chatwar.support.PrometheusText;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;

/** Health probes and Prometheus metrics (docs/ops/README.md), as an orchestrator and a Prometheus server read them. */
class OperationsIT extends DeployedWar {

    @Test
    void healthAnswersInMicroProfileHealthFormatAndFortyProbesAtOnceAllGetIt() {
        HttpResponse<String> live = api.call("GET", "api/health/live");
        assertEquals(200, live.statusCode(), live.body());
        assertTrue(live.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        assertEquals(List.of("tick"), names(live));
        assertEquals("UP", status(live));

        HttpResponse<String> ready = api.call("GET", "api/health/ready");
        assertEquals(200, ready.statusCode(), ready.body());
        assertEquals(List.of("schema", "database", "accepting"), names(ready), "no broker on a server on its own");
        JsonObject schema = body(ready).getJsonArray("checks").getJsonObject(0);
        assertEquals("UP", schema.getString("status"));
        assertTrue(schema.getJsonObject("data").getString("version").matches("[0-9.]+"), schema.toString());

        HttpResponse<String> all = api.call("GET", "api/health");
        assertEquals(List.of("tick", "schema", "database", "accepting"), names(all));

        List<Integer> statuses = AllAtOnce.run(40, i -> api.call("GET", "api/health/ready").statusCode());
        assertEquals(List.of(200), statuses.stream().distinct().toList());
    }

    @Test
    void metricsParseAsPrometheusTextAndMoveAsAScriptedSessionExpects() {
        String room = "ops-" + suffix;
        List<String> users = List.of("ops-a-" + suffix, "ops-b-" + suffix, "ops-c-" + suffix);
        users.forEach(TestUsers::token); // registered and signed in before the first scrape, as is the observer
        TestUsers.token(TestUsers.OBSERVER); // (who reads the stats below)
        PrometheusText before = scrape();
        assertEquals("gauge", before.type("chat_connections"));
        assertEquals("histogram", before.type("chat_store_commit_seconds"));

        assertEquals(401, api.login(users.get(0), "not-the-password", null).statusCode());
        assertEquals(201, api.login(users.get(0), TestUsers.password(users.get(0)), null).statusCode());
        try (RawSocket refused = RawSocket.handshake(ChatWar.BASE, "", 0)) {
            assertEquals(401, refused.status());
        }
        List<ChatClient> clients = AllAtOnce.run(users.size(), i -> {
            ChatClient client = ChatClient.connect(ChatWar.BASE, users.get(i));
            client.join(room);
            return client;
        });
        AllAtOnce.run(clients.size(), i -> clients.get(i).say(room, "one").getString("type")
                + clients.get(i).say(room, "two").getString("type"));
        clients.forEach(client -> client.awaitInRoom(room, "message", 6));
        PrometheusText during = scrape();
        assertTrue(during.value("chat_connections") >= 3, "three open at least");
        double sampled = before.valueOrZero("chat_send_queue_chars_count");
        ChatClient.waiting().until(() -> scrape().value("chat_send_queue_chars_count") >= sampled + 3); // once a second
        AllAtOnce.run(clients.size(), i -> clients.get(i).leaveAndClose());
        api.awaitConnections(0);
        ChatClient.waiting().until(() -> delta(before, scrape(), "chat_closes_total", "by", "client", "code", "1000"),
                Matchers.equalTo(3.0));

        PrometheusText after = scrape();
        String signIns = "sign-ins before " + before.seriesNamed("chat_sign_ins_total").stream()
                .map(s -> s + "=" + before.samples().get(s)).toList() + ", after " + after.seriesNamed("chat_sign_ins_total")
                .stream().map(s -> s + "=" + after.samples().get(s)).toList();
        assertEquals(1.0, delta(before, after, "chat_sign_ins_total", "outcome", "failed"), signIns);
        assertEquals(1.0, delta(before, after, "chat_sign_ins_total", "outcome", "succeeded"), signIns);
        assertEquals(1.0, delta(before, after, "chat_handshakes_total", "outcome", "refused", "reason", "unauthenticated"));
        assertEquals(3.0, delta(before, after, "chat_handshakes_total", "outcome", "accepted", "reason", "none"));
        assertEquals(6.0, delta(before, after, "chat_messages_stored_total"), "six messages, nothing else");
        assertEquals(18.0, delta(before, after, "chat_deliveries_total"), "each of six messages to three clients");
        assertTrue(delta(before, after, "chat_frames_received_total") >= 9, "three joins and six sends at least");
        assertTrue(delta(before, after, "chat_store_commit_seconds_count") >= 1);
        assertEquals(0.0, after.value("chat_connections"));
        assertTrue(after.value("jvm_memory_used_bytes", "area", "heap", "id", heapPool(after)) > 0);
    }

    private PrometheusText scrape() {
        HttpResponse<String> scraped = api.call("GET", "api/metrics");
        assertEquals(200, scraped.statusCode(), scraped.body());
        // the parameters in any order: Payara puts the charset first
        assertEquals(Set.of("text/plain", "version=0.0.4", "charset=utf-8"), Set.of(scraped.headers()
                .firstValue("Content-Type").orElse("").toLowerCase(Locale.ROOT).replace(" ", "").split(";")),
                "the format, as Prometheus reads it");
        return PrometheusText.parse(scraped.body());
    }

    private static double delta(PrometheusText before, PrometheusText after, String name, String... labels) {
        return after.valueOrZero(name, labels) - before.valueOrZero(name, labels);
    }

    // the heap pools' names differ by collector: take one the scrape lists
    private static String heapPool(PrometheusText scrape) {
        return scrape.seriesNamed("jvm_memory_used_bytes").stream()
                .filter(series -> series.contains("area=\"heap\""))
                .map(series -> series.replaceAll(".*id=\"([^\"]*)\".*", "$1")).findFirst().orElseThrow();
    }

    private static JsonObject body(HttpResponse<String> response) {
        return ServerApi.parse(response.body()).asJsonObject();
    }

    private static String status(HttpResponse<String> response) {
        return body(response).getString("status");
    }

    private static List<String> names(HttpResponse<String> response) {
        return body(response).getJsonArray("checks").stream()
                .map(check -> check.asJsonObject().getString("name")).toList();
    }
}
