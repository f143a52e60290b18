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
 * The benchmark: every scenario against the WAR, the naive endpoint on the same server (when given) and the peer,
 * in the same run on the same machine, written out as JSON, a Markdown table with the WAR's ratios to the other
 * two, and an SVG chart.
 */
final class Benchmark {

    static final String WAR = "war";
    static final String NAIVE = "naive";
    static final String PEER = "peer";
    static final List<String> TARGETS = List.of(WAR, NAIVE, PEER);

    /** One server the benchmark drives. */
    record Target(String name, URI url, ServerProcess process) {
    }

    private final String server;
    private final List<Target> targets;
    private final PrintStream progress;

    /** @param server the name of the server the WAR and the naive endpoint run on, for the report */
    Benchmark(String server, List<Target> targets, PrintStream progress) {
        this.server = server;
        this.targets = List.copyOf(targets);
        this.progress = progress;
    }

    List<RunResult> run(List<String> scenarios, boolean tiny, Path out) throws InterruptedException, IOException {
        for (Target target : targets) {
            progress.printf("%s %s (%s)%n", target.name(), target.url(), target.process().describe());
        }
        if (!tiny) {
            progress.println("Warming up: the tiny version of each scenario on every server, not reported");
            for (String scenario : scenarios) {
                for (Target target : runningIt(LoadPlan.scenario(scenario, true))) {
                    new LoadRun(LoadPlan.scenario(scenario, true), "warm-up", target.url(), ServerProcess.matching(),
                            progress).beside(LoadPlan.background(scenario, true)).run();
                }
            }
            settle();
        }
        List<RunResult> results = new ArrayList<>();
        for (String scenario : scenarios) {
            LoadPlan plan = LoadPlan.scenario(scenario, tiny);
            for (Target target : runningIt(plan)) {
                results.add(new LoadRun(plan, target.name(), target.url(), target.process(), progress)
                        .beside(LoadPlan.background(scenario, tiny)).run());
                settle();
            }
        }
        Files.createDirectories(out);
        Machine machine = Machine.describe();
        Files.writeString(out.resolve("results.json"), LoadTool.pretty(json(machine, results)));
        Files.writeString(out.resolve("results.md"), BenchReport.table(machine, server, results));
        Files.writeString(out.resolve("chart.svg"), BenchReport.chart(server, results));
        progress.println(BenchReport.table(machine, server, results));
        return results;
    }

    // replies and reactions are the WAR's alone: the naive endpoint and the peer know plain messages only
    private List<Target> runningIt(LoadPlan plan) {
        return plan.threaded() ? targets.stream().filter(target -> target.name().equals(WAR)).toList() : targets;
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
