package dev.chatwar.load;

import jakarta.json.Json;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.awaitility.Awaitility;

/** Runs one {@link LoadPlan} against one server: signs in, connects, sends, measures, closes. */
public final class LoadRun {

    private static final int OPENING_AT_ONCE = 64;
    private static final Duration GIVE_UP = Duration.ofSeconds(10);

    private final LoadPlan plan;
    private final String target;
    private final URI base;
    private final List<URI> nodes;
    private final ServerProcess server;
    private final PrintStream progress;
    private final HttpClient api = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final List<HttpClient> transports = new ArrayList<>();
    private final Traffic traffic;
    private final List<LoadClient> clients = new ArrayList<>();
    private final String roomPrefix;
    private OptionalLong cpuAtStart = OptionalLong.empty();
    private OptionalLong cpuAtEnd = OptionalLong.empty();
    private final List<StalledClient> stalled = new ArrayList<>();
    private final List<URI> chats;
    private LoadPlan background;
    private volatile boolean stopping;
    private long[] roots;

    /**
     * @param base   the server's base URL, the WAR's context included: http://127.0.0.1:8080/
     * @param server the server's process, for its memory (may be one that matched nothing)
     */
    public LoadRun(LoadPlan plan, String target, URI base, ServerProcess server, PrintStream progress) {
        this(plan, target, List.of(base), server, progress);
    }

    /**
     * A run against the nodes of one cluster: users sign in on the first, and connection {@code i} opens on
     * node {@code i % nodes}.
     */
    public LoadRun(LoadPlan plan, String target, List<URI> nodes, ServerProcess server, PrintStream progress) {
        this.plan = plan;
        this.target = target;
        this.base = nodes.get(0);
        this.nodes = List.copyOf(nodes);
        this.chats = this.nodes.stream()
                .map(node -> URI.create(node.toString().replaceFirst("^http", "ws")).resolve("chat")).toList();
        this.server = server;
        this.progress = progress;
        this.traffic = new Traffic(plan.window());
        this.roomPrefix = "bench-" + plan.name() + "-" + Long.toString(System.currentTimeMillis(), 36) + "-";
        for (int i = 0; i < 2; i++) {
            transports.add(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build());
        }
    }

    /** Runs this load, too, from before this run's warm-up until its measurement ends (see LoadPlan.background). */
    public LoadRun beside(Optional<LoadPlan> load) {
        background = load.orElse(null);
        return this;
    }

    long deliveredSoFar() {
        return traffic.deliveries();
    }

    /** Ends the sending now, as if the measurement were over. */
    void stop() {
        stopping = true;
    }

    public RunResult run() throws InterruptedException {
        awaitServer(Duration.ofMinutes(3));
        List<String> tokens = signIn();
        OptionalLong heapBefore = server.liveHeapBytes();
        OptionalLong before = server.residentBytes();
        long opening = System.nanoTime();
        int connected = connect(tokens);
        double connectSeconds = (System.nanoTime() - opening) / 1e9;
        progress.printf("[%s %s] %d of %d connections open in %.1f s (%.0f/s)%n", plan.name(), target, connected,
                plan.clients(), connectSeconds, connected / connectSeconds);
        joinRooms(tokens);
        postRoots();
        Double rssPerConnection = perConnection(before, server.residentBytes(), connected);
        Double heapPerConnection = perConnection(heapBefore, server.liveHeapBytes(), connected);

        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
        long started = System.nanoTime();
        ticker.scheduleAtFixedRate(() -> tick(started, connected), 1, 1, TimeUnit.SECONDS);
        Beside beside = background == null ? null : Beside.start(background, target, nodes, progress);
        try {
            if (plan.senders() > 0) {
                drive();
            }
            hold();
        } finally {
            ticker.shutdownNow();
            if (beside != null) {
                beside.stop();
            }
        }
        for (StalledClient client : stalled) {
            // what the server did with a client that stopped reading: 4008 once its queue overflowed
            client.closeCode(Duration.ofSeconds(2)).ifPresent(traffic::closed);
            client.close();
        }
        int held = connected - (int) traffic.closes().values().stream().mapToLong(Long::longValue).sum();
        // with a load beside this one, the process's CPU time is mostly that load's: not this run's per delivery
        Double cpuPerDelivery = background == null && cpuAtStart.isPresent() && cpuAtEnd.isPresent()
                && traffic.deliveries() > 0
                ? (cpuAtEnd.getAsLong() - cpuAtStart.getAsLong()) / 1000.0 / traffic.deliveries() : null;
        RunResult result = RunResult.of(plan, target, connected, held, connectSeconds, traffic, rssPerConnection,
                heapPerConnection, cpuPerDelivery);
        close();
        return result;
    }

    /**
     * Waits until the server answers its registration endpoint (a server still deploying says 404, or nothing).
     * The probe registers nobody; a failed sign-in would count against the address's sign-in limit.
     */
    private void awaitServer(Duration patience) {
        Awaitility.await("an answer from " + base).atMost(patience).pollInterval(Duration.ofMillis(500))
                .ignoreExceptions().until(() -> post("api/users", "{}").join().statusCode() != 404);
    }

    private static Double perConnection(OptionalLong before, OptionalLong after, int connections) {
        return before.isPresent() && after.isPresent() && connections > 0
                ? (after.getAsLong() - before.getAsLong()) / 1024.0 / connections : null;
    }

    private List<String> signIn() {
        List<CompletableFuture<String>> tokens = new ArrayList<>();
        Semaphore atOnce = new Semaphore(8);
        for (int user = 0; user < plan.users(); user++) {
            String name = "bench-u" + user;
            String credentials = Json.createObjectBuilder().add("user", name).add("password", "bench-password-" + user)
                    .build().toString();
            atOnce.acquireUninterruptibly();
            tokens.add(post("api/users", credentials)
                    .thenCompose(registered -> post("api/sessions", credentials))
                    .thenApply(signedIn -> {
                        if (signedIn.statusCode() != 200 && signedIn.statusCode() != 201) {
                            throw new IllegalStateException("sign-in of " + name + ": " + signedIn.statusCode() + " "
                                    + signedIn.body());
                        }
                        return Json.createReader(new StringReader(signedIn.body())).readObject().getString("token");
                    })
                    .whenComplete((token, failure) -> atOnce.release()));
        }
        return tokens.stream().map(CompletableFuture::join).toList();
    }

    private CompletableFuture<HttpResponse<String>> post(String path, String json) {
        return api.sendAsync(HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private int connect(List<String> tokens) throws InterruptedException {
        Semaphore atOnce = new Semaphore(OPENING_AT_ONCE);
        List<CompletableFuture<LoadClient>> opened = new ArrayList<>();
        for (int i = 0; i < plan.clients(); i++) {
            if (isSlow(i)) {
                opened.add(null); // a StalledClient, opened once the others have joined
                continue;
            }
            atOnce.acquire();
            opened.add(LoadClient.open(transports.get(i % transports.size()), chats.get(i % chats.size()),
                    tokens.get(plan.userOf(i)), traffic).whenComplete((client, failure) -> atOnce.release()));
        }
        int connected = 0;
        for (CompletableFuture<LoadClient> client : opened) {
            if (client == null) {
                clients.add(null);
                connected++;
                continue;
            }
            try {
                clients.add(client.get(60, TimeUnit.SECONDS));
                connected++;
            } catch (Exception failed) {
                clients.add(null);
                traffic.errorFrame("connect_failed");
            }
        }
        return connected;
    }

    private boolean isSlow(int connection) {
        for (int j = 0; j < plan.slow(); j++) {
            if (plan.slowConnection(j) == connection) {
                return true;
            }
        }
        return false;
    }

    private void joinRooms(List<String> tokens) {
        if (plan.rooms() == 0) {
            return;
        }
        List<CompletableFuture<?>> joins = new ArrayList<>();
        for (int i = 0; i < clients.size(); i++) {
            if (clients.get(i) != null) {
                joins.add(clients.get(i).join(roomPrefix + plan.roomOf(i)));
            }
        }
        CompletableFuture.allOf(joins.toArray(CompletableFuture[]::new)).join();
        for (int i = 0; i < plan.clients(); i++) {
            if (isSlow(i)) {
                try {
                    stalled.add(StalledClient.joining(chats.get(i % chats.size()), tokens.get(plan.userOf(i)),
                            roomPrefix + plan.roomOf(i)));
                } catch (IOException failed) {
                    traffic.errorFrame("connect_failed");
                }
            }
        }
    }

    /** Sends until the measurement ends: paced at the plan's rate, or as fast as the window lets. */
    private void drive() throws InterruptedException {
        int readers = plan.perRoom();
        long start = System.nanoTime();
        long warmupEnds = start + plan.warmup().toNanos();
        long ends = warmupEnds + plan.measure().toNanos();
        boolean measuring = false;
        for (long n = 0; ; n++) {
            long now = System.nanoTime();
            if (!measuring && now >= warmupEnds) {
                traffic.startMeasuring();
                cpuAtStart = server.cpuNanos();
                measuring = true;
            }
            if (now >= ends || stopping) {
                break;
            }
            long intended;
            if (plan.flatOut()) {
                if (!traffic.awaitWindow()) {
                    break;
                }
                intended = System.nanoTime();
            } else {
                intended = start + (long) (n * 1e9 / plan.rate());
                long wait = intended - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
            }
            int sender = (int) (n % plan.senders());
            int connection = plan.senderConnection(sender);
            LoadClient client = clients.get(connection);
            if (client == null) {
                continue;
            }
            int room = plan.roomOf(connection);
            int recipients = room == 0 ? readers - plan.slow() : readers;
            if (plan.threaded() && n % 3 == 2) {
                react(client, sender, n, intended, recipients);
                continue;
            }
            String key = "s" + sender + "-" + n;
            traffic.sending(key, intended, recipients);
            var send = Json.createObjectBuilder().add("type", "send").add("room", roomPrefix + room)
                    .add("text", Traffic.text(key, plan.payload()));
            if (plan.threaded() && n % 3 == 1) {
                send.add("replyTo", roots[sender]);
            }
            client.send(send.build().toString());
        }
        traffic.drain(GIVE_UP.toNanos());
        cpuAtEnd = server.cpuNanos();
        traffic.stopMeasuring();
    }

    // the sender puts one of 20 emoji on its first message, then takes it off, and on to the next: every change
    // a real one, and every key distinct from those of the 40 changes before it. A sender reacts every
    // 3 x senders sends (the senders' count is no multiple of 3), so n / (3 x senders) counts its changes.
    private void react(LoadClient client, int sender, long n, long intended, int recipients) {
        long change = n / 3 / plan.senders();
        String emoji = new String(Character.toChars(0x1F600 + (int) (change / 2 % 20)));
        boolean add = change % 2 == 0;
        traffic.sending(Traffic.reactionKey(roots[sender], emoji, add), intended, recipients);
        client.send(Json.createObjectBuilder().add("type", add ? "react" : "unreact").add("id", roots[sender])
                .add("emoji", emoji).build().toString());
    }

    /** In a threaded plan, each sender's first message: what its replies answer and its reactions go on. */
    private void postRoots() {
        if (!plan.threaded()) {
            return;
        }
        roots = new long[plan.senders()];
        for (int sender = 0; sender < plan.senders(); sender++) {
            int connection = plan.senderConnection(sender);
            roots[sender] = clients.get(connection).post(roomPrefix + plan.roomOf(connection), "thread of " + sender)
                    .join();
        }
    }

    private void hold() throws InterruptedException {
        if (!plan.hold().isZero()) {
            progress.printf("[%s %s] holding the connections idle for %d s%n", plan.name(), target,
                    plan.hold().toSeconds());
            Thread.sleep(plan.hold().toMillis());
        }
    }

    private void tick(long started, int connected) {
        traffic.sweep(GIVE_UP.toNanos());
        Histogram second = traffic.interval();
        long closes = traffic.closes().values().stream().mapToLong(Long::longValue).sum();
        progress.printf("[%s %s] %3d s  held %d  delivered %,d  p99 last second %.1f ms  errors %d  lost %d%n",
                plan.name(), target, (System.nanoTime() - started) / 1_000_000_000L, connected - closes,
                traffic.deliveries(), second.getTotalCount() == 0 ? 0 : second.getValueAtPercentile(99) / 1000.0,
                traffic.errors(), traffic.lost());
    }

    private void close() {
        traffic.ending();
        for (int i = 0; i < clients.size(); i++) {
            LoadClient client = clients.get(i);
            if (client != null) {
                client.close();
            }
        }
    }
}
