package dev.chatwar.load;

import dev.chatwar.support.PrometheusText;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The panels of docs/ops/grafana-dashboard.json, drawn as SVG from scrapes taken a second apart: each panel
 * computes what its PromQL query asks for (a gauge's value, a counter's rate, a histogram's quantile over
 * the last 5 s) from the scrapes themselves.
 */
final class DashboardPicture {

    /** One scrape and when it was taken. */
    record Scrape(long atMillis, PrometheusText metrics) {
    }

    private record Line(String label, List<Double> values) {
    }

    private static final int WINDOW = 5;
    private static final int PANEL_WIDTH = 330;
    private static final int PANEL_HEIGHT = 190;
    private static final String[] COLORS = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b"};

    private final List<Scrape> scrapes;

    DashboardPicture(List<Scrape> scrapes) {
        this.scrapes = List.copyOf(scrapes);
    }

    String svg(String title) {
        Map<String, List<Line>> panels = new LinkedHashMap<>();
        panels.put("Connections and users", List.of(gauge("open connections", "chat_connections"),
                gauge("users", "chat_users")));
        panels.put("Frames a second", List.of(rate("received", "chat_frames_received_total", s -> true),
                rate("sent", "chat_frames_sent_total", s -> true)));
        panels.put("Deliveries and stored messages a second", List.of(
                rate("deliveries", "chat_deliveries_total", s -> true),
                rate("stored", "chat_messages_stored_total", s -> true)));
        panels.put("Store commit, ms", List.of(quantile("p50", "chat_store_commit_seconds", 0.5, 1000),
                quantile("p99", "chat_store_commit_seconds", 0.99, 1000)));
        panels.put("Send queue, KiB", List.of(quantile("p99 of connections", "chat_send_queue_chars", 0.99, 1 / 1024.0),
                scaled(gauge("longest", "chat_send_queue_longest_chars"), 1 / 1024.0)));
        panels.put("Closes a second, by code", closes());
        panels.put("Handshakes a second", List.of(
                rate("accepted", "chat_handshakes_total", s -> s.contains("outcome=\"accepted\"")),
                rate("refused", "chat_handshakes_total", s -> s.contains("outcome=\"refused\""))));
        panels.put("JVM heap used, MiB", List.of(scaled(sum("heap", "jvm_memory_used_bytes",
                s -> s.contains("area=\"heap\"")), 1 / 1048576.0)));

        int columns = 4;
        int width = columns * (PANEL_WIDTH + 20) + 20;
        int height = 2 * (PANEL_HEIGHT + 60) + 50;
        StringBuilder svg = new StringBuilder(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\" "
                        + "font-size=\"11\">%n<rect width=\"100%%\" height=\"100%%\" fill=\"#f7f8fa\"/>%n"
                        + "<text x=\"20\" y=\"28\" font-size=\"16\" font-weight=\"bold\">%s</text>%n",
                width, height, escape(title)));
        int index = 0;
        for (Map.Entry<String, List<Line>> panel : panels.entrySet()) {
            int x = 20 + (index % columns) * (PANEL_WIDTH + 20);
            int y = 50 + (index / columns) * (PANEL_HEIGHT + 60);
            panel(svg, x, y, panel.getKey(), panel.getValue());
            index++;
        }
        return svg.append("</svg>\n").toString();
    }

    private void panel(StringBuilder svg, int x, int y, String title, List<Line> lines) {
        svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"white\" "
                + "stroke=\"#d0d4da\"/>%n<text x=\"%d\" y=\"%d\" font-weight=\"bold\">%s</text>%n",
                x, y, PANEL_WIDTH, PANEL_HEIGHT + 40, x + 8, y + 16, escape(title)));
        double max = lines.stream().flatMap(line -> line.values().stream()).filter(v -> !v.isNaN())
                .mapToDouble(Double::doubleValue).max().orElse(0);
        double top = max <= 0 ? 1 : max * 1.1;
        int plotX = x + 45;
        int plotY = y + 26;
        int plotWidth = PANEL_WIDTH - 55;
        int plotHeight = PANEL_HEIGHT - 40;
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#999\"/>%n"
                        + "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>%n"
                        + "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">0</text>%n",
                plotX, plotY + plotHeight, plotX + plotWidth, plotY + plotHeight,
                plotX - 4, plotY + 8, number(top), plotX - 4, plotY + plotHeight));
        long seconds = scrapes.isEmpty() ? 0 : (scrapes.get(scrapes.size() - 1).atMillis() - scrapes.get(0).atMillis()) / 1000;
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\" fill=\"#666\">%d s</text>%n",
                plotX + plotWidth, plotY + plotHeight + 14, seconds));
        int legendY = plotY + plotHeight + 30;
        for (int i = 0; i < lines.size(); i++) {
            Line line = lines.get(i);
            String color = COLORS[i % COLORS.length];
            long first = scrapes.get(0).atMillis();
            long span = Math.max(1, scrapes.get(scrapes.size() - 1).atMillis() - first);
            StringBuilder points = new StringBuilder();
            int count = line.values().size();
            for (int j = 0; j <= count; j++) {
                double value = j < count ? line.values().get(j) : Double.NaN;
                if (Double.isNaN(value)) { // a gap: the line stops here and starts again after it
                    if (!points.isEmpty()) {
                        svg.append(String.format(Locale.ROOT, "<polyline fill=\"none\" stroke=\"%s\" "
                                + "stroke-width=\"1.5\" points=\"%s\"/>%n", color, points.toString().strip()));
                        points.setLength(0);
                    }
                    continue;
                }
                double px = plotX + (double) (scrapes.get(j).atMillis() - first) * plotWidth / span;
                double py = plotY + plotHeight - value / top * plotHeight;
                points.append(String.format(Locale.ROOT, "%.1f,%.1f ", px, py));
            }
            int lx = x + 8 + (i % 2) * 160;
            int ly = legendY + (i / 2) * 13;
            svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"10\" height=\"3\" fill=\"%s\"/>"
                    + "<text x=\"%d\" y=\"%d\">%s</text>%n", lx, ly - 4, color, lx + 14, ly, escape(line.label())));
        }
    }

    private Line gauge(String label, String name) {
        return sum(label, name, s -> true);
    }

    private Line sum(String label, String name, Predicate<String> series) {
        List<Double> values = new ArrayList<>();
        for (Scrape scrape : scrapes) {
            values.add(total(scrape.metrics(), name, series));
        }
        return new Line(label, values);
    }

    private Line rate(String label, String name, Predicate<String> series) {
        List<Double> values = new ArrayList<>();
        for (int i = 0; i < scrapes.size(); i++) {
            if (i == 0) {
                values.add(Double.NaN);
                continue;
            }
            double seconds = (scrapes.get(i).atMillis() - scrapes.get(i - 1).atMillis()) / 1000.0;
            double delta = total(scrapes.get(i).metrics(), name, series) - total(scrapes.get(i - 1).metrics(), name, series);
            values.add(seconds > 0 ? Math.max(0, delta) / seconds : Double.NaN);
        }
        return new Line(label, values);
    }

    // histogram_quantile over the buckets' increase in the last WINDOW scrapes, as Prometheus interpolates
    private Line quantile(String label, String histogram, double q, double scale) {
        List<Double> values = new ArrayList<>();
        for (int i = 0; i < scrapes.size(); i++) {
            if (i < WINDOW) {
                values.add(Double.NaN);
                continue;
            }
            TreeMap<Double, Double> now = buckets(scrapes.get(i).metrics(), histogram);
            TreeMap<Double, Double> then = buckets(scrapes.get(i - WINDOW).metrics(), histogram);
            double count = now.lastEntry().getValue() - then.lastEntry().getValue();
            if (count <= 0) {
                values.add(Double.NaN);
                continue;
            }
            double rank = q * count;
            double lower = 0;
            double below = 0;
            double result = Double.NaN;
            for (Map.Entry<Double, Double> bucket : now.entrySet()) {
                double cumulative = bucket.getValue() - then.getOrDefault(bucket.getKey(), 0.0);
                if (cumulative >= rank) {
                    double upper = bucket.getKey().isInfinite() ? lower : bucket.getKey();
                    double inBucket = cumulative - below;
                    result = inBucket <= 0 ? upper : lower + (upper - lower) * (rank - below) / inBucket;
                    break;
                }
                lower = bucket.getKey();
                below = cumulative;
            }
            values.add(result * scale);
        }
        return new Line(label, values);
    }

    private List<Line> closes() {
        Map<String, String> labels = new TreeMap<>();
        for (Scrape scrape : scrapes) {
            for (String series : scrape.metrics().seriesNamed("chat_closes_total")) {
                String by = series.replaceAll(".*by=\"([^\"]*)\".*", "$1");
                String code = series.replaceAll(".*code=\"([^\"]*)\".*", "$1");
                labels.put(series, code + " by " + by);
            }
        }
        List<Line> lines = new ArrayList<>();
        labels.forEach((series, label) -> {
            Line line = rate(label, "chat_closes_total", series::equals);
            if (line.values().stream().anyMatch(v -> v > 0)) {
                lines.add(line);
            }
        });
        return lines;
    }

    private static Line scaled(Line line, double factor) {
        return new Line(line.label(), line.values().stream().map(v -> v * factor).toList());
    }

    private static double total(PrometheusText metrics, String name, Predicate<String> series) {
        return metrics.samples().entrySet().stream()
                .filter(e -> e.getKey().startsWith(name + "{") && series.test(e.getKey()))
                .mapToDouble(Map.Entry::getValue).sum();
    }

    private static TreeMap<Double, Double> buckets(PrometheusText metrics, String histogram) {
        TreeMap<Double, Double> buckets = new TreeMap<>();
        metrics.samples().forEach((series, value) -> {
            if (series.startsWith(histogram + "_bucket{")) {
                String le = series.replaceAll(".*le=\"([^\"]*)\".*", "$1");
                buckets.merge(le.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le), value, Double::sum);
            }
        });
        return buckets;
    }

    private static String number(double value) {
        return value >= 100 ? String.format(Locale.ROOT, "%.0f", value) : String.format(Locale.ROOT, "%.2g", value);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
