package dev.chatwar.it;

import static org.awaitility.Awaitility.await;

import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.h2.tools.Server;

/**
 * A chat cluster on loopback, for one test: a standalone ActiveMQ Artemis broker (the distribution the build
 * unpacked), an H2 database served over TCP that the nodes share, and WildFly nodes (the provisioned server,
 * each with a base directory of its own under target/cluster and the WAR deployed as ROOT.war) or, with
 * -Ppayara, Payara nodes (copies of the build's domain: {@link PayaraNode}).
 * With -Ppostgresql the nodes share the PostgreSQL database instead: the H2 URL is then not used.
 */
final class ClusterTopology implements AutoCloseable {

    static final int BROKER_PORT = 61716;
    static final int H2_PORT = 9192;
    /** Seconds after which a silent node is taken for dead; short, so the test need not wait long. */
    static final int PEER_TIMEOUT = 3;
    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);

    private final Path dir = Path.of(System.getProperty("chat.it.cluster-dir", "target/cluster"));
    private final Path artemisHome = Path.of(System.getProperty("chat.it.artemis-home"));
    private final Path wildflyHome = Path.of(System.getProperty("jboss.home"));
    private final Path war = Path.of(System.getProperty("chat.war"));
    private final List<Process> processes = new ArrayList<>();
    private Server database;
    private Process broker;
    private int brokerStarts;

    /** Creates a fresh broker instance and starts it, and the database; returns once both accept connections. */
    ClusterTopology start() throws IOException, InterruptedException, SQLException {
        if (accepts(BROKER_PORT)) {
            // a broker left running would be used instead of this one, silently
            throw new IllegalStateException("port " + BROKER_PORT + " is taken: stop whatever listens there");
        }
        deleteRecursively(dir);
        Files.createDirectories(dir);
        Path broker = dir.resolve("broker");
        int created = new ProcessBuilder(artemisHome.resolve("bin/artemis").toString(), "create", broker.toString(),
                "--user", "chat", "--password", "chat", "--require-login", "--silent", "--no-web", "--no-autotune",
                "--no-amqp-acceptor", "--no-mqtt-acceptor", "--no-stomp-acceptor", "--no-hornetq-acceptor",
                "--host", "127.0.0.1", "--default-port", String.valueOf(BROKER_PORT))
                .redirectErrorStream(true).redirectOutput(dir.resolve("broker-create.log").toFile())
                .start().waitFor();
        if (created != 0) {
            throw new IllegalStateException("artemis create failed: see " + dir.resolve("broker-create.log"));
        }
        startBroker();
        startDatabase();
        return this;
    }

    /** Starts the broker instance made by {@link #start} and waits until it accepts connections. */
    void startBroker() throws IOException {
        broker = launch(new ProcessBuilder(dir.resolve("broker/bin/artemis").toString(), "run"), "broker-" + ++brokerStarts);
        await().atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(200)).until(() -> accepts(BROKER_PORT));
    }

    /** Kills the broker at once, as a crash would. */
    void killBroker() {
        broker.descendants().forEach(ProcessHandle::destroyForcibly);
        broker.destroyForcibly();
        broker.onExit().join();
        processes.remove(broker);
    }

    /** Serves the nodes' H2 database over TCP; an in-memory one, kept while this JVM lives, across restarts. */
    void startDatabase() throws SQLException {
        database = Server.createTcpServer("-tcpPort", String.valueOf(H2_PORT), "-ifNotExists").start();
    }

    /** Stops serving the database: the nodes' connections to it break and new ones are refused. */
    void stopDatabase() {
        database.stop();
    }

    /** Starts a node with HTTP on 8080 + offset and waits until the WAR answers. */
    Node startNode(String name, int portOffset) throws IOException {
        if (System.getProperty("chat.it.server", "wildfly").equals("payara")) {
            return startPayaraNode(name, portOffset / 100);
        }
        Path base = dir.resolve(name);
        copyRecursively(wildflyHome.resolve("standalone/configuration"), base.resolve("configuration"));
        Files.createDirectories(base.resolve("deployments"));
        Files.copy(war, base.resolve("deployments/ROOT.war"), StandardCopyOption.REPLACE_EXISTING);
        ProcessBuilder builder = new ProcessBuilder(wildflyHome.resolve("bin/standalone.sh").toString(),
                "-Djboss.server.base.dir=" + base.toAbsolutePath(),
                "-Djboss.socket.binding.port-offset=" + portOffset,
                "-Djboss.node.name=" + name,
                "-Djava.net.preferIPv4Stack=true",
                "-Dchat.h2.url=jdbc:h2:tcp://127.0.0.1:" + H2_PORT + "/mem:chat-cluster;DB_CLOSE_DELAY=-1",
                "-Dchat.cluster.broker=tcp://127.0.0.1:" + BROKER_PORT + "?reconnectAttempts=-1",
                "-Dchat.cluster.user=chat", "-Dchat.cluster.password=chat",
                "-Dchat.cluster.node=" + name,
                "-Dchat.cluster.peer-timeout=" + PEER_TIMEOUT);
        builder.command().addAll(List.of(CHAT_SETTINGS));
        builder.environment().putAll(Map.of("JAVA_OPTS", "-Xms128m -Xmx512m", "LAUNCH_JBOSS_IN_BACKGROUND", "true"));
        Node node = new Node(name, launch(builder, name), URI.create("http://127.0.0.1:" + (8080 + portOffset) + "/"));
        await().atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(250)).until(node::answers);
        return node;
    }

    // a domain of its own, HTTP on 8N80 and admin on 8N48, the WAR deployed as the root application
    private Node startPayaraNode(String name, int hundreds) throws IOException {
        Path payara = Path.of(System.getProperty("payara.home"));
        List<String> options = new ArrayList<>(List.of("-Xmx512m", "-Djava.net.preferIPv4Stack=true",
                "-Dchat.cluster.broker=tcp://127.0.0.1:" + BROKER_PORT + "?reconnectAttempts=-1",
                "-Dchat.cluster.user=chat", "-Dchat.cluster.password=chat", "-Dchat.cluster.node=" + name,
                "-Dchat.cluster.peer-timeout=" + PEER_TIMEOUT));
        options.addAll(List.of(CHAT_SETTINGS));
        ProcessBuilder builder = PayaraNode.prepare(payara, dir, name, hundreds, options,
                "jdbc:h2:tcp://127.0.0.1:" + H2_PORT + "/mem:chat-cluster;DB_CLOSE_DELAY=-1");
        Process process = launch(builder, name);
        await().atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(250)).until(() -> accepts(8000 + hundreds * 100 + 48));
        try {
            PayaraNode.deploy(payara, hundreds, war);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        Node node = new Node(name, process, URI.create("http://127.0.0.1:" + (8000 + hundreds * 100 + 80) + "/"));
        await().atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(250)).until(node::answers);
        return node;
    }

    private static final String[] CHAT_SETTINGS = {"-Dchat.password.iterations=1000",
        "-Dchat.registrations-per-address=1000000", "-Dchat.room-sweep-seconds=1", "-Dchat.rate.connection=200",
        "-Dchat.rate.connection-burst=400", "-Dchat.rate.user=400", "-Dchat.rate.user-burst=800"};

    private Process launch(ProcessBuilder builder, String name) throws IOException {
        Process process = builder.redirectErrorStream(true).redirectOutput(dir.resolve(name + ".log").toFile()).start();
        processes.add(process);
        return process;
    }

    /** One WildFly node of the cluster. */
    record Node(String name, Process process, URI base) {

        private static final HttpClient HTTP = HttpClient.newHttpClient();

        ServerApi api() {
            return new ServerApi(base);
        }

        /** This node's counters, read without credentials. */
        JsonObject stats() {
            return ServerApi.json(api().call("GET", "api/stats")).asJsonObject();
        }

        boolean answers() {
            try {
                HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(base.resolve("api/stats")).build(),
                        HttpResponse.BodyHandlers.ofString());
                return response.statusCode() == 200;
            } catch (IOException refused) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }

        /** The node's health report at api/health/{which}: the status code, and the body. */
        HttpResponse<String> health(String which) {
            return api().call("GET", "api/health/" + which);
        }

        /** Kills the server's JVM at once, as a crash would: no close frame, no goodbye to the other nodes. */
        void kill() {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.onExit().join();
        }
    }

    private static boolean accepts(int port) {
        try (Socket ignored = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException refused) {
            return false;
        }
    }

    /** Stops every process (a SIGTERM first, then a kill after 30 s) and the database. */
    @Override
    public void close() {
        List<ProcessHandle> running = new ArrayList<>();
        for (int i = processes.size() - 1; i >= 0; i--) {
            processes.get(i).descendants().forEach(running::add);
            running.add(processes.get(i).toHandle());
        }
        running.forEach(ProcessHandle::destroy);
        for (ProcessHandle process : running) {
            try {
                process.onExit().get(30, TimeUnit.SECONDS);
            } catch (Exception stillRunning) {
                process.destroyForcibly();
            }
        }
        if (database != null) {
            database.stop();
        }
    }

    private static void copyRecursively(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(path, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(path)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
