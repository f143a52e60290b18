package dev.chatwar.load;

import jakarta.json.Json;
import jakarta.json.JsonWriterFactory;
import jakarta.json.stream.JsonGenerator;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The load tool's command line.
 *
 * <pre>
 * run   --url URL[,URL…] --scenario NAME [--tiny] [--clients N] [--users N] [--rooms N] [--senders N] [--rate N]
 *       [--window N] [--payload N] [--slow N] [--warmup S] [--seconds S] [--hold S] [--process A,B] [--out FILE]
 *       [--target LABEL]
 * bench [--server NAME] --war URL --war-process A,B [--naive URL] --peer URL --peer-process A,B [--scenarios A,B] [--tiny] --out DIR
 * </pre>
 *
 * {@code run} drives one server with one scenario (its options override the scenario's numbers) and
 * writes the result as JSON (several URLs: the nodes of one cluster, connections spread over them in turn);
 * {@code bench} runs each scenario against the WAR, the naive endpoint (in the WAR's process) and the peer in turn and
 * writes {@code results.json}, {@code results.md} and {@code chart.svg} to DIR. {@code --process} names
 * pieces of the server's command line, to find it and read its memory. An option the command does not take,
 * one given twice or one without its value is a usage error: nothing runs.
 */
public final class LoadTool {

    static final List<String> SCENARIOS = List.of("fanout", "threads", "fanout64", "one-room", "rooms", "latency", "storm", "steady",
            "slow", "quiet", "hot-room");
    private static final Set<String> FLAGS = Set.of("tiny");
    private static final Map<String, Set<String>> COMMANDS = Map.of(
            "run", Set.of("url", "scenario", "tiny", "clients", "users", "rooms", "senders", "rate", "window",
                    "payload", "slow", "warmup", "seconds", "hold", "process", "out", "target"),
            "bench", Set.of("server", "war", "war-process", "naive", "peer", "peer-process", "scenarios", "tiny", "out"),
            "search", Set.of("url", "messages", "queries", "out"));
    private static final String USAGE = "usage: LoadTool run --url URL --scenario NAME [options] | LoadTool bench"
            + " --war URL --peer URL --out DIR [options] | LoadTool search --url URL [--messages N] [--queries N]"
            + " [--out DIR]; see docs/bench/README.md";

    private LoadTool() {
    }

    public static void main(String[] args) throws Exception {
        int status = run(args);
        System.exit(status); // the JDK's WebSocket client keeps threads of its own
    }

    /**
     * Runs the command; 0 when it ran, 2 on a usage error (an unknown command or option, a missing or bad value,
     * a --process that matches no process).
     */
    public static int run(String... args) throws Exception {
        if (args.length == 0 || !COMMANDS.containsKey(args[0])) {
            System.err.println(USAGE);
            return 2;
        }
        Map<String, String> options;
        LoadPlan plan = null;
        try {
            options = options(args, COMMANDS.get(args[0]));
            if (args[0].equals("run")) {
                plan = plan(options);
                required(options, "url");
            } else if (args[0].equals("search")) {
                required(options, "url");
                number(options, "messages", 1);
                number(options, "queries", 1);
            } else {
                scenarios(options);
                required(options, "war");
                required(options, "peer");
                required(options, "out");
            }
        } catch (IllegalArgumentException e) {
            System.err.println("LoadTool " + args[0] + ": " + e.getMessage() + "\n" + USAGE);
            return 2;
        }
        try {
            execute(args[0], options, plan);
        } catch (IllegalArgumentException e) {
            System.err.println("LoadTool " + args[0] + ": " + e.getMessage());
            return 2;
        }
        return 0;
    }

    private static void execute(String command, Map<String, String> options, LoadPlan plan) throws Exception {
        if (command.equals("search")) {
            SearchBench bench = new SearchBench(URI.create(required(options, "url")),
                    number(options, "messages", 1_000_000), number(options, "queries", 4000), System.out);
            String json = pretty(bench.run());
            if (options.containsKey("out")) {
                Path out = Path.of(options.get("out"));
                Files.createDirectories(out);
                Files.writeString(out.resolve("search.json"), json);
                Files.writeString(out.resolve("search.md"), bench.table());
            }
            return;
        }
        if (plan != null) {
            RunResult result = new LoadRun(plan, options.getOrDefault("target", "server"),
                    Arrays.stream(pieces(required(options, "url"))).map(URI::create).toList(),
                    ServerProcess.matching(pieces(options.get("process"))),
                    System.out).beside(LoadPlan.background(plan.name(), options.containsKey("tiny"))).run();
            String json = pretty(result.toJson());
            System.out.println(json);
            if (options.containsKey("out")) {
                Files.writeString(Path.of(options.get("out")), json);
            }
        } else {
            List<String> scenarios = scenarios(options);
            ServerProcess warProcess = ServerProcess.matching(pieces(options.get("war-process")));
            List<Benchmark.Target> targets = new ArrayList<>();
            targets.add(new Benchmark.Target(Benchmark.WAR, URI.create(required(options, "war")), warProcess));
            if (options.containsKey("naive")) {
                targets.add(new Benchmark.Target(Benchmark.NAIVE, URI.create(options.get("naive")), warProcess));
            }
            targets.add(new Benchmark.Target(Benchmark.PEER, URI.create(required(options, "peer")),
                    ServerProcess.matching(pieces(options.get("peer-process")))));
            Benchmark benchmark = new Benchmark(options.getOrDefault("server", "WildFly"), targets, System.out);
            benchmark.run(scenarios, options.containsKey("tiny"), Path.of(required(options, "out")));
        }
    }

    static LoadPlan plan(Map<String, String> options) {
        LoadPlan base = LoadPlan.scenario(required(options, "scenario"), options.containsKey("tiny"));
        return new LoadPlan(base.name(), number(options, "clients", base.clients()), number(options, "users", base.users()),
                number(options, "rooms", base.rooms()), number(options, "senders", base.senders()),
                rate(options, base.rate()),
                number(options, "window", base.window()), number(options, "payload", base.payload()),
                number(options, "slow", base.slow()), seconds(options, "warmup", base.warmup()),
                seconds(options, "seconds", base.measure()), seconds(options, "hold", base.hold()));
    }

    static String pretty(jakarta.json.JsonStructure json) {
        JsonWriterFactory writers = Json.createWriterFactory(Map.of(JsonGenerator.PRETTY_PRINTING, true));
        StringWriter text = new StringWriter();
        writers.createWriter(text).write(json);
        return text.toString().strip() + "\n";
    }

    /** The options after the command, each one the command takes; a flag's value is "true". */
    static Map<String, String> options(String[] args, Set<String> known) {
        Map<String, String> options = new HashMap<>();
        for (int i = 1; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected an option, found " + args[i]);
            }
            String name = args[i].substring(2);
            if (!known.contains(name)) {
                throw new IllegalArgumentException("unknown option --" + name);
            }
            if (options.containsKey(name)) {
                throw new IllegalArgumentException("--" + name + " is given twice");
            }
            if (FLAGS.contains(name)) {
                options.put(name, "true");
            } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                options.put(name, args[++i]);
            } else {
                throw new IllegalArgumentException("--" + name + " needs a value");
            }
        }
        return options;
    }

    private static List<String> scenarios(Map<String, String> options) {
        if (!options.containsKey("scenarios")) {
            return SCENARIOS;
        }
        List<String> scenarios = List.of(options.get("scenarios").split(","));
        for (String scenario : scenarios) {
            if (!SCENARIOS.contains(scenario)) {
                throw new IllegalArgumentException("unknown scenario " + scenario + " (one of " + SCENARIOS + ")");
            }
        }
        return scenarios;
    }

    private static String required(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return value;
    }

    private static int number(Map<String, String> options, String name, int otherwise) {
        try {
            return options.containsKey(name) ? Integer.parseInt(options.get(name)) : otherwise;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " takes a whole number, not " + options.get(name));
        }
    }

    private static double rate(Map<String, String> options, double otherwise) {
        try {
            return options.containsKey("rate") ? Double.parseDouble(options.get("rate")) : otherwise;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--rate takes messages a second, not " + options.get("rate"));
        }
    }

    private static Duration seconds(Map<String, String> options, String name, Duration otherwise) {
        return Duration.ofSeconds(number(options, name, (int) otherwise.toSeconds()));
    }

    private static String[] pieces(String list) {
        if (list == null || list.isBlank()) {
            return new String[0];
        }
        List<String> pieces = new ArrayList<>(List.of(list.split(",")));
        pieces.removeIf(String::isBlank);
        return pieces.toArray(String[]::new);
    }
}
