package dev.chatwar.support;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict reader of Prometheus's text exposition format 0.0.4: every line a comment, a HELP or TYPE line, or a
 * sample; names and label names as the format allows them; label values quoted and escaped; values numbers,
 * NaN or ±Inf; a TYPE given once and before its samples; histograms with cumulative buckets ending at +Inf that
 * equal their count. Any other line fails the test with its number.
 */
public final class PrometheusText {

    private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern TYPE = Pattern.compile("# TYPE (" + NAME + ") (counter|gauge|histogram|summary|untyped)");
    private static final Pattern HELP = Pattern.compile("# HELP (" + NAME + ") .*");
    private static final Pattern SAMPLE = Pattern.compile("(" + NAME + ")(\\{(.*)})? (\\S+)( -?[0-9]+)?");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\\\n]|\\\\[\\\\\"n])*)\"(,|$)");

    /** Samples by series, written as {@code name{a="x",b="y"}} with the labels sorted. */
    private final Map<String, Double> samples = new LinkedHashMap<>();
    private final Map<String, String> types = new HashMap<>();

    public static PrometheusText parse(String text) {
        PrometheusText parsed = new PrometheusText();
        Set<String> sampled = new HashSet<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.isEmpty() && i == lines.length - 1) {
                break; // the newline that ends the last line
            }
            Matcher type = TYPE.matcher(line);
            if (type.matches()) {
                require(parsed.types.put(type.group(1), type.group(2)) == null, i, "a second TYPE", line);
                require(!sampled.contains(type.group(1)), i, "TYPE after samples", line);
                continue;
            }
            if (HELP.matcher(line).matches() || line.startsWith("#")) {
                require(line.startsWith("# HELP ") || !line.startsWith("# TYPE"), i, "a bad TYPE line", line);
                continue;
            }
            Matcher sample = SAMPLE.matcher(line);
            require(sample.matches(), i, "not a sample", line);
            String name = sample.group(1);
            sampled.add(family(name));
            Map<String, String> labels = labels(sample.group(3), i, line);
            require(parsed.samples.put(series(name, labels), number(sample.group(4), i, line)) == null, i,
                    "a repeated series", line);
        }
        parsed.checkHistograms();
        return parsed;
    }

    /** The value of one series; labels in any order. Fails if there is no such series. */
    public double value(String name, String... labels) {
        Map<String, String> wanted = new TreeMap<>();
        for (int i = 0; i < labels.length; i += 2) {
            wanted.put(labels[i], labels[i + 1]);
        }
        Double value = samples.get(series(name, wanted));
        if (value == null) {
            throw new AssertionError("no series " + series(name, wanted) + " in the scrape");
        }
        return value;
    }

    /** The value of one series, or 0 if it is not there (a counter not made yet). */
    public double valueOrZero(String name, String... labels) {
        try {
            return value(name, labels);
        } catch (AssertionError absent) {
            return 0;
        }
    }

    /** Every sample, by series as {@link #value} names them. */
    public Map<String, Double> samples() {
        return java.util.Collections.unmodifiableMap(samples);
    }

    /** The series of one metric name, as written by {@link #value}'s keys. */
    public List<String> seriesNamed(String name) {
        return samples.keySet().stream().filter(series -> series.startsWith(name + "{")).toList();
    }

    public String type(String family) {
        return types.get(family);
    }

    private void checkHistograms() {
        types.forEach((family, type) -> {
            if (!type.equals("histogram")) {
                return;
            }
            Map<String, List<Map.Entry<String, Double>>> bucketsBySeries = new HashMap<>();
            samples.forEach((series, value) -> {
                if (series.startsWith(family + "_bucket{")) {
                    String rest = series.replaceAll(",le=\"[^\"]*\"", "").replaceAll("le=\"[^\"]*\",?", "");
                    bucketsBySeries.computeIfAbsent(rest, k -> new java.util.ArrayList<>()).add(Map.entry(series, value));
                }
            });
            if (bucketsBySeries.isEmpty()) {
                throw new AssertionError("histogram " + family + " has no buckets");
            }
            bucketsBySeries.forEach((rest, buckets) -> {
                double previous = 0;
                for (Map.Entry<String, Double> bucket : buckets) { // in the order written: ascending le
                    if (bucket.getValue() < previous) {
                        throw new AssertionError("buckets not cumulative: " + bucket.getKey());
                    }
                    previous = bucket.getValue();
                }
                String last = buckets.get(buckets.size() - 1).getKey();
                if (!last.contains("le=\"+Inf\"")) {
                    throw new AssertionError("the last bucket is not +Inf: " + last);
                }
                String count = rest.replace(family + "_bucket", family + "_count");
                Double counted = samples.get(count);
                if (counted == null || counted != previous) {
                    throw new AssertionError(count + " is " + counted + ", its +Inf bucket " + previous);
                }
            });
        });
    }

    private static String family(String name) {
        return name.replaceAll("_(bucket|count|sum|total|created)$", "");
    }

    private static Map<String, String> labels(String text, int line, String whole) {
        Map<String, String> labels = new TreeMap<>();
        if (text == null || text.isEmpty()) {
            return labels;
        }
        Matcher label = LABEL.matcher(text);
        int at = 0;
        while (at < text.length()) {
            require(label.find(at) && label.start() == at, line, "a bad label", whole);
            require(labels.put(label.group(1), label.group(2)) == null, line, "a repeated label", whole);
            at = label.end();
        }
        return labels;
    }

    private static double number(String text, int line, String whole) {
        switch (text) {
            case "NaN":
                return Double.NaN;
            case "+Inf":
                return Double.POSITIVE_INFINITY;
            case "-Inf":
                return Double.NEGATIVE_INFINITY;
            default:
                try {
                    return Double.parseDouble(text);
                } catch (NumberFormatException e) {
                    throw new AssertionError("line " + (line + 1) + ": not a number: " + whole);
                }
        }
    }

    private static String series(String name, Map<String, String> labels) {
        StringBuilder series = new StringBuilder(name).append('{');
        new TreeMap<>(labels).forEach((key, value) -> series.append(key).append("=\"").append(value).append("\","));
        if (series.charAt(series.length() - 1) == ',') {
            series.setLength(series.length() - 1);
        }
        return series.append('}').toString();
    }

    private static void require(boolean condition, int line, String problem, String whole) {
        if (!condition) {
            throw new AssertionError("line " + (line + 1) + ": " + problem + ": " + whole);
        }
    }
}
