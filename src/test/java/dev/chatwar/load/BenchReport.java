package dev.chatwar.load;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The benchmark's results as a Markdown table with the WAR's ratios to the naive endpoint and to the peer, and as
 * an SVG bar chart.
 */
final class BenchReport {

    private record Metric(String label, ToDoubleFunction<RunResult> value, String format) {
    }

    private static final List<Metric> METRICS = List.of(
            new Metric("connections held at the end", RunResult::held, "%,.0f"),
            new Metric("connections opened a second", RunResult::connectionsPerSecond, "%,.0f"),
            new Metric("messages sent (measured part)", RunResult::sent, "%,.0f"),
            new Metric("deliveries a second", RunResult::deliveriesPerSecond, "%,.0f"),
            new Metric("latency p50 (ms)", RunResult::p50, "%.1f"),
            new Metric("latency p99 (ms)", RunResult::p99, "%.1f"),
            new Metric("latency p99.9 (ms)", RunResult::p999, "%.1f"),
            new Metric("errors (error frames, failed sends, closes)", RunResult::errors, "%,.0f"),
            new Metric("deliveries lost (not there after 10 s)", RunResult::lost, "%,.0f"),
            new Metric("server CPU time per delivery (µs)", result -> orNaN(result.cpuMicrosPerDelivery()), "%.2f"),
            new Metric("server resident memory growth per connection (KiB)",
                    result -> growth(result.rssKibPerConnection()), "%.1f"),
            new Metric("server live heap per connection, after a full GC (KiB; JVM only)",
                    result -> growth(result.heapKibPerConnection()), "%.1f"));

    private static double orNaN(Double value) {
        return value == null ? Double.NaN : value;
    }

    // Memory that shrank while connections opened says only that the growth was below the measurement's noise.
    private static double growth(Double value) {
        return value == null ? Double.NaN : value < 0 ? BELOW_NOISE : value;
    }

    private static final double BELOW_NOISE = Double.NEGATIVE_INFINITY;

    /** The columns: the WAR and the naive endpoint on the named server, then the peer. */
    private static List<String> names(String server) {
        return List.of("WAR on " + server, "naive endpoint, same " + server, "Node ws peer");
    }
    private static final String[] COLORS = {"#1f6fb2", "#7a9a3a", "#e8871e"};

    private BenchReport() {
    }

    static String table(Machine machine, String server, List<RunResult> results) {
        StringBuilder table = new StringBuilder("Machine: ").append(machine).append(".\n");
        for (Map.Entry<String, RunResult[]> scenario : byTarget(results).entrySet()) {
            RunResult[] runs = scenario.getValue();
            RunResult any = Arrays.stream(runs).filter(run -> run != null).findFirst().orElseThrow();
            table.append("\n### ").append(scenario.getKey()).append(": ").append(any.clients()).append(" clients, ")
                    .append(any.rooms()).append(any.rooms() == 1 ? " room, " : " rooms, ").append(any.senders())
                    .append(" senders, ").append(any.rate() == 0 ? "flat out" : format("%,.0f", any.rate()) + " messages/s")
                    .append("\n\n| | ").append(String.join(" | ", names(server)))
                    .append(" | WAR / naive | WAR / peer |\n|---|---:|---:|---:|---:|---:|\n");
            for (Metric metric : METRICS) {
                double[] values = new double[runs.length];
                table.append("| ").append(metric.label()).append(" | ");
                for (int i = 0; i < runs.length; i++) {
                    values[i] = runs[i] == null ? Double.NaN : metric.value().applyAsDouble(runs[i]);
                    table.append(cell(metric.format(), values[i])).append(" | ");
                }
                table.append(ratio(values[0], values[1])).append(" | ").append(ratio(values[0], values[2])).append(" |\n");
            }
            againstPlainMessages(table, runs[0], byTarget(results).get("fanout"));
        }
        return table.toString();
    }

    // a scenario of replies and reactions runs on the WAR alone: its measure is the WAR's own plain fan-out
    private static void againstPlainMessages(StringBuilder table, RunResult threaded, RunResult[] fanout) {
        if (threaded == null || !threaded.scenario().equals("threads") || fanout == null || fanout[0] == null) {
            return;
        }
        RunResult plain = fanout[0];
        table.append("\nAgainst the WAR's `fanout` (plain messages) of this run: deliveries a second ")
                .append(ratio(threaded.deliveriesPerSecond(), plain.deliveriesPerSecond())).append(", p99 ")
                .append(ratio(threaded.p99(), plain.p99())).append(", server CPU per delivery ")
                .append(ratio(orNaN(threaded.cpuMicrosPerDelivery()), orNaN(plain.cpuMicrosPerDelivery())))
                .append(".\n");
    }

    private static String ratio(double ours, double theirs) {
        return theirs > 0 && ours >= 0 ? format("%.2f", ours / theirs) : "";
    }

    /** Per scenario, WAR beside the naive endpoint and the peer: deliveries a second, p99 latency and server CPU per delivery where messages
     * flowed, and connections opened a second everywhere. */
    static String chart(String server, List<RunResult> results) {
        Map<String, RunResult[]> all = byTarget(results);
        Map<String, RunResult[]> traffic = new LinkedHashMap<>(all);
        traffic.values().removeIf(runs -> Arrays.stream(runs).allMatch(run -> run == null || run.senders() == 0));
        int panelWidth = Math.max(260, 105 * all.size() + 40);
        int width = panelWidth * 4 + 100;
        StringBuilder svg = new StringBuilder(format(
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"360\" font-family=\"sans-serif\" "
                        + "font-size=\"11\">\n<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>\n", width));
        panel(svg, traffic, 20, panelWidth, "deliveries a second (higher is better)", RunResult::deliveriesPerSecond);
        panel(svg, traffic, panelWidth + 45, panelWidth, "latency p99, ms (lower is better)", RunResult::p99);
        panel(svg, traffic, 2 * panelWidth + 70, panelWidth, "server CPU µs per delivery (lower is better)",
                result -> Double.isNaN(orNaN(result.cpuMicrosPerDelivery())) ? 0 : result.cpuMicrosPerDelivery());
        panel(svg, all, 3 * panelWidth + 95, panelWidth, "connections opened a second (higher is better)",
                RunResult::connectionsPerSecond);
        List<String> names = names(server);
        for (int i = 0; i < names.size(); i++) {
            svg.append(format("<rect x=\"%d\" y=\"335\" width=\"12\" height=\"12\" fill=\"%s\"/>", 20 + 220 * i,
                    COLORS[i])).append(format("<text x=\"%d\" y=\"345\">%s</text>%n", 38 + 220 * i, names.get(i)));
        }
        svg.append("</svg>\n");
        return svg.toString();
    }

    private static void panel(StringBuilder svg, Map<String, RunResult[]> scenarios, int left, int width, String title,
            ToDoubleFunction<RunResult> value) {
        int top = 40;
        int height = 240;
        double max = scenarios.values().stream().flatMap(Arrays::stream)
                .filter(result -> result != null).mapToDouble(value).max().orElse(1);
        max = max <= 0 ? 1 : max;
        svg.append(format("<text x=\"%d\" y=\"24\" font-size=\"13\" font-weight=\"bold\">%s</text>\n", left, title));
        svg.append(format("<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#444\"/>\n", left, top + height,
                left + width, top + height));
        int slot = width / Math.max(1, scenarios.size());
        int i = 0;
        for (Map.Entry<String, RunResult[]> scenario : scenarios.entrySet()) {
            int x = left + i++ * slot + slot / 2 - 45;
            for (int side = 0; side < COLORS.length; side++) {
                RunResult result = scenario.getValue()[side];
                double v = result == null ? 0 : value.applyAsDouble(result);
                int bar = (int) Math.round(v / max * height);
                int barX = x + side * 30;
                svg.append(format("<rect x=\"%d\" y=\"%d\" width=\"27\" height=\"%d\" fill=\"%s\"/>\n", barX,
                        top + height - bar, bar, COLORS[side]));
                svg.append(format("<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" font-size=\"9\">%s</text>\n",
                        barX + 13, top + height - bar - 3, compact(v)));
            }
            svg.append(format("<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>\n", x + 43,
                    top + height + 16, scenario.getKey()));
        }
    }

    /** Scenario → its results in the order of {@link Benchmark#TARGETS} (null where a target did not run). */
    private static Map<String, RunResult[]> byTarget(List<RunResult> results) {
        Map<String, RunResult[]> byTarget = new LinkedHashMap<>();
        for (RunResult result : results) {
            byTarget.computeIfAbsent(result.scenario(), any -> new RunResult[Benchmark.TARGETS.size()])
                    [Benchmark.TARGETS.indexOf(result.target())] = result;
        }
        return byTarget;
    }

    private static String cell(String format, double value) {
        return Double.isNaN(value) ? "" : value == BELOW_NOISE ? "below noise" : format(format, value);
    }

    private static String compact(double value) {
        if (value >= 1_000_000) {
            return format("%.2fM", value / 1_000_000);
        }
        if (value >= 10_000) {
            return format("%.0fk", value / 1000);
        }
        return format(value >= 100 ? "%.0f" : "%.1f", value);
    }

    private static String format(String format, Object... values) {
        return String.format(Locale.ROOT, format, values);
    }
}
