package dev.chatwar.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/** The test server's log file: WildFly's server.log, or the Payara domain's. */
final class ServerLog {

    private ServerLog() {
    }

    static Path path() {
        Path home = Path.of(System.getProperty("chat.it.server-home"));
        Path wildfly = home.resolve("standalone/log/server.log");
        Path log = Files.exists(wildfly) ? wildfly : home.resolve("glassfish/domains/chat/logs/server.log");
        if (!Files.exists(log)) {
            throw new UncheckedIOException(new IOException("no server log at " + log));
        }
        return log;
    }

    static long size() {
        try {
            return Files.size(path());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The whole log (a run's is a few MB), or what was written after {@code from} bytes. */
    static String text(long from) {
        try {
            byte[] bytes = Files.readAllBytes(path());
            int start = (int) Math.min(from, bytes.length);
            return new String(bytes, start, bytes.length - start, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The bytes written after {@code from}, leaving out the records that hold any of {@code markers}. A record
     * starts at a line that starts with its date: one line on WildFly, several on Payara (header, message, end).
     */
    static long bytesWithout(long from, String... markers) {
        return records(from).stream().filter(record -> Arrays.stream(markers).noneMatch(record::contains))
                .mapToLong(String::length).sum();
    }

    /** What {@link #bytesWithout} counted, each record's first two lines, to say in a failure what was logged. */
    static String summaryWithout(long from, String... markers) {
        return records(from).stream().filter(record -> Arrays.stream(markers).noneMatch(record::contains))
                .map(record -> record.lines().limit(2).collect(java.util.stream.Collectors.joining(" | ")))
                .distinct().limit(20).collect(java.util.stream.Collectors.joining("\n"));
    }

    /** How many records written after {@code from} hold the marker. */
    static long recordsWith(long from, String marker) {
        return records(from).stream().filter(record -> record.contains(marker)).count();
    }

    private static List<String> records(long from) {
        List<String> records = new ArrayList<>();
        StringBuilder record = new StringBuilder();
        for (String line : text(from).split("\n", -1)) {
            if (RECORD_START.matcher(line).lookingAt() && !record.isEmpty()) {
                records.add(record.toString());
                record.setLength(0);
            }
            record.append(line).append('\n');
        }
        records.add(record.toString());
        return records;
    }

    private static final Pattern RECORD_START = Pattern.compile("\\[?\\d{4}-\\d{2}-\\d{2}");
}
