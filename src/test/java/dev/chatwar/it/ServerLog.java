package dev.chatwar.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

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
}
