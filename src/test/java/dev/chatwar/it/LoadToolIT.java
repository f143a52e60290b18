package dev.chatwar.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chatwar.load.LoadTool;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The load tool's tiny scenarios against the test server, as the benchmark runs them (the WAR stands in
 * for the peer too): the tool runs, counts every delivery, and writes its three result files.
 */
class LoadToolIT extends DeployedWar {

    @Test
    void theLoadToolRunsTinyScenariosAndAccountsForEveryDelivery() throws Exception {
        Path out = Path.of(System.getProperty("java.io.tmpdir"), "bench-" + suffix);
        String base = ChatWar.BASE.toString();

        assertEquals(0, LoadTool.run("bench", "--server", serverName(), "--war", base, "--peer", base, "--scenarios", "steady,storm,threads", "--tiny",
                "--out", out.toString()));

        JsonObject results = Json.createReader(new StringReader(Files.readString(out.resolve("results.json"))))
                .readObject();
        List<JsonObject> runs = results.getJsonArray("runs").getValuesAs(JsonObject.class);
        assertEquals(5, runs.size(), "each scenario against the WAR and the peer, but threads: the WAR's alone");
        for (JsonObject run : runs) {
            String name = run.getString("scenario") + " " + run.getString("target") + ": " + run;
            assertEquals(0, run.getInt("errors"), name);
            assertEquals(0, run.getInt("lost"), name);
            assertEquals(run.getInt("clients"), run.getInt("held"), name);
            if (run.getString("scenario").equals("steady") || run.getString("scenario").equals("threads")) {
                assertTrue(run.getInt("sent") > 0, name);
                int membersOfTheRoom = run.getInt("clients");
                assertEquals(run.getJsonNumber("sent").longValue() * membersOfTheRoom,
                        run.getJsonNumber("deliveries").longValue(),
                        "every member got every message, reply and reaction: " + name);
                assertTrue(run.getJsonObject("latencyMillis").getJsonNumber("p99").doubleValue() > 0, name);
            }
        }
        String report = Files.readString(out.resolve("results.md"));
        assertTrue(report.contains("### steady"));
        assertTrue(report.contains("WAR on " + serverName()), "the report names the server it ran on");
        assertTrue(Files.readString(out.resolve("chart.svg")).startsWith("<svg"));
        api.awaitConnections(0);
    }

    @Test
    void theSearchBenchmarkStoresItsMessagesFindsTheLastAndTimesEveryKindOfSearch() throws Exception {
        Path out = Path.of(System.getProperty("java.io.tmpdir"), "search-bench-" + suffix);
        assertEquals(0, LoadTool.run("search", "--url", ChatWar.BASE.toString(), "--messages", "1000", "--queries",
                "160", "--out", out.toString()));
        JsonObject result = Json.createReader(new StringReader(Files.readString(out.resolve("search.json"))))
                .readObject();
        assertEquals(1000, result.getInt("messages"));
        assertEquals(160, result.getInt("searches"));
        assertEquals(0, result.getInt("failures"));
        assertEquals(15, result.getJsonObject("byKind").size(),
                "8 kinds, by the reader of every room and by writers (one room: by its writer only)");
        assertTrue(result.getJsonObject("byKind").getJsonObject("common word (100 rooms)").getJsonNumber("results")
                .doubleValue() > 0, "common words are found");
        assertTrue(Files.readString(out.resolve("search.md")).contains("| **all** |"));
        api.awaitConnections(0);
    }

    private static String serverName() {
        return ChatWar.SERVER.equals("payara") ? "Payara" : "WildFly";
    }
}
