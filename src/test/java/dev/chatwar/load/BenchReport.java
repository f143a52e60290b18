package dev.chatwar.load;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/** The benchmark's results as a Markdown table with WAR/peer ratios, and as an SVG bar chart. */
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

    private BenchReport() {
    }

    static String table(Machine machine, List<RunResult> results) {
        StringBuilder table = new StringBuilder("Machine: ").append(machine).append(".\n");
        for (Map.Entry<String, RunResult[]> scenario : pairs(results).entrySet()) {
            RunResult war = scenario.getValue()[0];
            RunResult peer = scenario.getValue()[1];
            table.append("\n### ").append(scenario.getKey()).append(": ").append(war.clients()).append(" clients, ")
                    .append(war.rooms()).append(war.rooms() == 1 ? " room, " : " rooms, ").append(war.senders())
                    .append(" senders, ").append(war.rate() == 0 ? "flat out" : format("%,.0f", war.rate()) + " messages/s")
                    .append("\n\n| | WAR on WildFly | Node ws peer | WAR / peer |\n|---|---:|---:|---:|\n");
            for (Metric metric : METRICS) {
                double ours = war == null ? Double.NaN : metric.value().applyAsDouble(war);
                double theirs = peer == null ? Double.NaN : metric.value().applyAsDouble(peer);
                table.append("| ").append(metric.label()).append(" | ").append(cell(metric.format(), ours)).append(" | ")
                        .append(cell(metric.format(), theirs)).append(" | ")
                        .append(theirs > 0 && ours >= 0 ? format("%.2f", ours / theirs) : "").append(" |\n");
            }
        }
        return table.toString();
    }

    /** Per scenario, WAR beside peer: deliveries a second, p99 latency and server CPU per delivery where messages
     * flowed, and connections opened a second everywhere. */
    static String chart(List<RunResult> results) {
        Map<String, RunResult[]> all = pairs(results);
        Map<String, RunResult[]> traffic = new LinkedHashMap<>(all);
        traffic.values().removeIf(pair -> pair[0] == null || pair[0].senders() == 0);
        int panelWidth = Math.max(260, 80 * all.size() + 40);
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
        svg.append("<rect x=\"20\" y=\"335\" width=\"12\" height=\"12\" fill=\"#1f6fb2\"/>")
                .append("<text x=\"38\" y=\"345\">WAR on WildFly</text>")
                .append("<rect x=\"150\" y=\"335\" width=\"12\" height=\"12\" fill=\"#e8871e\"/>")
                .append("<text x=\"168\" y=\"345\">Node ws peer</text>\n</svg>\n");
        return svg.toString();
    }

    private static void panel(StringBuilder svg, Map<String, RunResult[]> pairs, int left, int width, String title,
            ToDoubleFunction<RunResult> value) {
        int top = 40;
        int height = 240;
        double max = pairs.values().stream().flatMap(pair -> java.util.Arrays.stream(pair))
                .filter(result -> result != null).mapToDouble(value).max().orElse(1);
        max = max <= 0 ? 1 : max;
        svg.append(format("<text x=\"%d\" y=\"24\" font-size=\"13\" font-weight=\"bold\">%s</text>\n", left, title));
        svg.append(format("<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#444\"/>\n", left, top + height,
                left + width, top + height));
        int slot = width / Math.max(1, pairs.size());
        int i = 0;
        for (Map.Entry<String, RunResult[]> pair : pairs.entrySet()) {
            int x = left + i++ * slot + slot / 2 - 30;
            String[] colors = {"#1f6fb2", "#e8871e"};
            for (int side = 0; side < 2; side++) {
                RunResult result = pair.getValue()[side];
                double v = result == null ? 0 : value.applyAsDouble(result);
                int bar = (int) Math.round(v / max * height);
                int barX = x + side * 30;
                svg.append(format("<rect x=\"%d\" y=\"%d\" width=\"27\" height=\"%d\" fill=\"%s\"/>\n", barX,
                        top + height - bar, bar, colors[side]));
                svg.append(format("<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" font-size=\"9\">%s</text>\n",
                        barX + 13, top + height - bar - 3, compact(v)));
            }
            svg.append(format("<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>\n", x + 28,
                    top + height + 16, pair.getKey()));
        }
    }

    /** Scenario → {WAR result, peer result}, in the order run; scenarios without traffic are left out of charts. */
    private static Map<String, RunResult[]> pairs(List<RunResult> results) {
        Map<String, RunResult[]> pairs = new LinkedHashMap<>();
        for (RunResult result : results) {
            RunResult[] pair = pairs.computeIfAbsent(result.scenario(), any -> new RunResult[2]);
            pair[result.target().equals(Benchmark.WAR) ? 0 : 1] = result;
        }
        return pairs;
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
