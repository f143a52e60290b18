package dev.chatwar.load;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * The benchmark: every scenario against the WAR and then against the peer, in the same run on the same
 * machine, written out as JSON, a Markdown table with the WAR/peer ratios, and an SVG chart.
 */
final class Benchmark {

    static final String WAR = "war";
    static final String PEER = "peer";

    private final URI war;
    private final ServerProcess warProcess;
    private final URI peer;
    private final ServerProcess peerProcess;
    private final PrintStream progress;

    Benchmark(URI war, ServerProcess warProcess, URI peer, ServerProcess peerProcess, PrintStream progress) {
        this.war = war;
        this.warProcess = warProcess;
        this.peer = peer;
        this.peerProcess = peerProcess;
        this.progress = progress;
    }

    List<RunResult> run(List<String> scenarios, boolean tiny, Path out) throws InterruptedException, IOException {
        progress.printf("WAR %s (%s), peer %s (%s)%n", war, warProcess.describe(), peer, peerProcess.describe());
        if (!tiny) {
            progress.println("Warming up: the tiny version of each scenario on both servers, not reported");
            for (String scenario : scenarios) {
                for (URI server : List.of(war, peer)) {
                    new LoadRun(LoadPlan.scenario(scenario, true), "warm-up", server, ServerProcess.matching(), progress)
                            .run();
                }
            }
            settle();
        }
        List<RunResult> results = new ArrayList<>();
        for (String scenario : scenarios) {
            LoadPlan plan = LoadPlan.scenario(scenario, tiny);
            results.add(new LoadRun(plan, WAR, war, warProcess, progress).run());
            settle();
            results.add(new LoadRun(plan, PEER, peer, peerProcess, progress).run());
            settle();
        }
        Files.createDirectories(out);
        Machine machine = Machine.describe();
        Files.writeString(out.resolve("results.json"), LoadTool.pretty(json(machine, results)));
        Files.writeString(out.resolve("results.md"), BenchReport.table(machine, results));
        Files.writeString(out.resolve("chart.svg"), BenchReport.chart(results));
        progress.println(BenchReport.table(machine, results));
        return results;
    }

    /** Lets the servers finish the closes of the last run before the next one measures. */
    private static void settle() throws InterruptedException {
        Thread.sleep(2000);
    }

    private static jakarta.json.JsonObject json(Machine machine, List<RunResult> results) {
        JsonArrayBuilder runs = Json.createArrayBuilder();
        results.forEach(result -> runs.add(result.toJson()));
        JsonObjectBuilder json = Json.createObjectBuilder()
                .add("date", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString())
                .add("machine", machine.toJson())
                .add("runs", runs);
        return json.build();
    }
}
