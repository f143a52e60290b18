package dev.chatwar.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A Payara node of the test cluster: a copy of the domain the build made (src/payara/chat.asadmin applied), in a
 * domain directory of its own, with its ports moved from 81xx to 8Nxx, the default data source pointed at the
 * shared H2 server (validating its connections, so that it recovers when the database returns), and the chat's
 * cluster settings as JVM options. Started in the foreground (--verbose), so that killing the process kills it.
 */
final class PayaraNode {

    // what a running domain writes for itself: not copied
    private static final Set<String> LEFT_OUT = Set.of("osgi-cache", "generated", "logs", "applications",
            "session-store", "databases", "lockfile", "pid", "pid.prev");
    private static final Pattern PORT = Pattern.compile("(?<![0-9])81([0-9][0-9])(?![0-9])");
    private static final String DEFAULT_URL =
            "jdbc:h2:${com.sun.aas.instanceRoot}/lib/databases/embedded_default;AUTO_SERVER=TRUE";

    private PayaraNode() {
    }

    /** The asadmin command that starts the node's domain in the foreground; {@link #deploy} once it is up. */
    static ProcessBuilder prepare(Path payaraHome, Path dir, String name, int hundreds, List<String> jvmOptions,
                                  String databaseUrl) throws IOException {
        Path domains = dir.resolve(name);
        Path domain = domains.resolve("chat");
        copy(payaraHome.resolve("glassfish/domains/chat"), domain);
        Path config = domain.resolve("config/domain.xml");
        String xml = Files.readString(config);
        Matcher ports = PORT.matcher(xml);
        xml = ports.replaceAll("8" + hundreds + "$1");
        xml = xml.replace(DEFAULT_URL, databaseUrl.replace("&", "&amp;"))
                .replace("name=\"H2Pool\"", "name=\"H2Pool\" is-connection-validation-required=\"true\""
                        + " connection-validation-method=\"auto-commit\" fail-all-connections=\"true\"")
                .replaceAll("(?s)<application [^>]*>.*?</application>", "")
                .replaceAll("<application-ref [^>]*></application-ref>", "");
        StringBuilder options = new StringBuilder();
        for (String option : jvmOptions) {
            options.append("<jvm-options>").append(option.replace("&", "&amp;")).append("</jvm-options>");
        }
        // the first java-config is the server's (server-config); the default-config's comes after it
        xml = xml.replaceFirst("</java-config>", Matcher.quoteReplacement(options + "</java-config>"));
        Files.writeString(config, xml);
        return new ProcessBuilder("java", "-jar", asadmin(payaraHome), "start-domain", "--verbose",
                "--domaindir", domains.toAbsolutePath().toString(), "chat");
    }

    /** Deploys the WAR as the root application of the node whose admin port is {@code 8N48}. */
    static void deploy(Path payaraHome, int hundreds, Path war) throws IOException, InterruptedException {
        Process deploy = new ProcessBuilder("java", "-jar", asadmin(payaraHome), "--port", "8" + hundreds + "48",
                "deploy", "--contextroot", "/", "--name", "ROOT", war.toAbsolutePath().toString())
                .redirectErrorStream(true).start();
        String output = new String(deploy.getInputStream().readAllBytes());
        if (deploy.waitFor() != 0) {
            throw new IllegalStateException("deploy failed: " + output);
        }
    }

    private static String asadmin(Path payaraHome) {
        return payaraHome.resolve("glassfish/lib/client/appserver-cli.jar").toString();
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            paths.filter(path -> Stream.iterate(path, p -> p != null && !p.equals(from), Path::getParent)
                            .noneMatch(p -> LEFT_OUT.contains(p.getFileName().toString())))
                    .forEach(path -> {
                        Path target = to.resolve(from.relativize(path).toString());
                        try {
                            if (Files.isDirectory(path)) {
                                Files.createDirectories(target);
                            } else {
                                Files.createDirectories(target.getParent());
                                Files.copy(path, target, StandardCopyOption.REPLACE_EXISTING);
                            }
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    });
        }
    }
}
