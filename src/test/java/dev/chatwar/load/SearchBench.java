package dev.chatwar.load;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.io.PrintStream;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;

/**
 * The search benchmark: stores {@code messages} messages over WebSocket in 100 rooms (10 writers, each in 10 of
 * them), waits until a message sent last is found, then runs searches of every kind by a reader that is a member
 * of all 100 rooms (so each search looks at every message) and by the writers (10 rooms each), two at a time, and
 * prints their latency, p50 and p99 by kind.
 */
final class SearchBench {

    static final int ROOMS = 100;
    static final int WRITERS = 10;
    private static final int IN_FLIGHT_PER_WRITER = 64;
    private static final int SEARCHES_AT_ONCE = 2;
    // the server's compiler needs a few thousand searches before they run at full speed
    private static final int MIN_WARM_UP = 400;

    private final URI base;
    private final URI chat;
    private final int messages;
    private final int queries;
    private final PrintStream progress;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final String prefix = "search-" + Long.toString(System.currentTimeMillis(), 36) + "-";
    private final SearchCorpus corpus = new SearchCorpus(42);

    SearchBench(URI base, int messages, int queries, PrintStream progress) {
        this.base = base;
        this.chat = URI.create(base.toString().replaceFirst("^http", "ws")).resolve("chat");
        this.messages = messages;
        this.queries = queries;
        this.progress = progress;
    }

    JsonObject run() throws Exception {
        List<String> writers = new ArrayList<>();
        List<String> tokens = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            writers.add(prefix + "w" + w);
            tokens.add(signIn(writers.get(w)));
        }
        String reader = prefix + "reader";
        String readerToken = signIn(reader);
        List<String> rooms = new ArrayList<>();
        for (int r = 0; r < ROOMS; r++) {
            rooms.add(prefix + "room" + r);
        }
        joinAll(readerToken, rooms); // a member of every room, then gone: it must not read the million messages
        Traffic traffic = new Traffic(1);
        List<LoadClient> clients = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            LoadClient client = LoadClient.open(http, chat, tokens.get(w), traffic).join();
            for (int r = w; r < ROOMS; r += WRITERS) {
                client.join(rooms.get(r)).join();
            }
            clients.add(client);
        }

        double storeSeconds = store(clients, rooms);
        String sentinel = "sentinel" + Long.toString(System.nanoTime(), 36);
        long sentAt = System.nanoTime();
        clients.get(0).post(rooms.get(0), sentinel + " the last one").join();
        while (hits(readerToken, sentinel, "") == 0) {
            Thread.sleep(20);
        }
        double lagSeconds = (System.nanoTime() - sentAt) / 1e9;
        progress.printf("the message sent last was found %.2f s after its ack%n", lagSeconds);
        clients.forEach(LoadClient::close);

        int warmUp = Math.max(MIN_WARM_UP, queries / 2);
        progress.println("warming up: " + warmUp + " searches, not measured");
        for (SearchCorpus.Query query : corpus.queries(warmUp, rooms, writers)) {
            search(readerToken, query.q(), query.parameters().startsWith("room=") ? "" : query.parameters()).join();
        }
        Map<String, Histogram> byKind = new LinkedHashMap<>();
        Histogram all = new Histogram(3);
        Map<String, LongAdder> found = new LinkedHashMap<>();
        LongAdder failures = new LongAdder();
        Semaphore atOnce = new Semaphore(SEARCHES_AT_ONCE);
        List<CompletableFuture<?>> running = new ArrayList<>();
        List<SearchCorpus.Query> planned = corpus.queries(queries, rooms, writers);
        for (int i = 0; i < planned.size(); i++) {
            SearchCorpus.Query query = planned.get(i);
            boolean asReader = (i / 8) % 2 == 0 && !query.parameters().startsWith("room="); // each kind both ways
            String token = asReader ? readerToken : tokens.get(writerOf(query, rooms, i));
            String kind = query.kind() + (asReader ? " (100 rooms)" : " (10 rooms)");
            Histogram histogram = byKind.computeIfAbsent(kind, k -> new Histogram(3));
            LongAdder hits = found.computeIfAbsent(kind, k -> new LongAdder());
            atOnce.acquire();
            long start = System.nanoTime();
            running.add(search(token, query.q(), query.parameters()).whenComplete((answer, failure) -> {
                long micros = (System.nanoTime() - start) / 1000;
                atOnce.release();
                if (failure != null || answer.statusCode() != 200) {
                    failures.increment();
                    return;
                }
                synchronized (all) {
                    all.recordValue(micros);
                    histogram.recordValue(micros);
                }
                hits.add(results(answer));
            }));
        }
        CompletableFuture.allOf(running.toArray(CompletableFuture[]::new)).join();
        return report(storeSeconds, lagSeconds, all, byKind, found, failures.sum());
    }

    // a room filter must name one of the writer's own rooms: room r is writer r % WRITERS's
    private static int writerOf(SearchCorpus.Query query, List<String> rooms, int i) {
        if (query.parameters().startsWith("room=")) {
            return rooms.indexOf(query.parameters().substring(5)) % WRITERS;
        }
        return i % WRITERS;
    }

    private double store(List<LoadClient> clients, List<String> rooms) throws InterruptedException {
        long start = System.nanoTime();
        AtomicLong stored = new AtomicLong();
        LongAdder refused = new LongAdder();
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            int writer = w;
            Thread thread = new Thread(() -> {
                Semaphore window = new Semaphore(IN_FLIGHT_PER_WRITER);
                int mine = messages / WRITERS + (writer < messages % WRITERS ? 1 : 0);
                for (int n = 0; n < mine; n++) {
                    window.acquireUninterruptibly();
                    String room = rooms.get(writer + WRITERS * (n % (ROOMS / WRITERS)));
                    clients.get(writer).post(room, corpus.message()).whenComplete((id, failure) -> {
                        window.release();
                        if (failure != null) {
                            refused.increment();
                        } else {
                            stored.incrementAndGet();
                        }
                    });
                }
                window.acquireUninterruptibly(IN_FLIGHT_PER_WRITER);
            }, "search-writer-" + w);
            thread.start();
            threads.add(thread);
        }
        for (Thread alive = firstAlive(threads); alive != null; alive = firstAlive(threads)) {
            alive.join(5000);
            progress.printf(Locale.ROOT, "stored %,d of %,d messages (%,.0f a second), %d refused%n", stored.get(),
                    messages, stored.get() / ((System.nanoTime() - start) / 1e9), refused.sum());
        }
        for (Thread thread : threads) {
            thread.join();
        }
        if (refused.sum() > 0) {
            throw new IllegalStateException(refused.sum() + " messages were not stored");
        }
        return (System.nanoTime() - start) / 1e9;
    }

    private static Thread firstAlive(List<Thread> threads) {
        return threads.stream().filter(Thread::isAlive).findFirst().orElse(null);
    }

    // a connection is in 100 rooms at most, the lobby included: two connections, half the rooms each
    private void joinAll(String token, List<String> rooms) {
        int half = rooms.size() / 2;
        for (List<String> part : List.of(rooms.subList(0, half), rooms.subList(half, rooms.size()))) {
            LoadClient client = LoadClient.open(http, chat, token, new Traffic(1)).join();
            part.forEach(room -> client.join(room).join());
            client.close();
        }
    }

    private int hits(String token, String q, String parameters) {
        return results(search(token, q, parameters).join());
    }

    private static int results(HttpResponse<String> answer) {
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("search answered " + answer.statusCode() + ": " + answer.body());
        }
        return Json.createReader(new StringReader(answer.body())).readObject().getJsonArray("results").size();
    }

    private CompletableFuture<HttpResponse<String>> search(String token, String q, String parameters) {
        String url = "api/search?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8) + "&limit=20"
                + (parameters.isEmpty() ? "" : "&" + parameters);
        return http.sendAsync(HttpRequest.newBuilder(base.resolve(url)).header("Authorization", "Bearer " + token)
                .GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private String signIn(String user) {
        String credentials = Json.createObjectBuilder().add("user", user).add("password", "search-bench-" + user)
                .build().toString();
        post("api/users", credentials);
        HttpResponse<String> session = post("api/sessions", credentials);
        if (session.statusCode() != 201 && session.statusCode() != 200) {
            throw new IllegalStateException("sign-in of " + user + ": " + session.statusCode() + " " + session.body());
        }
        return Json.createReader(new StringReader(session.body())).readObject().getString("token");
    }

    private HttpResponse<String> post(String path, String json) {
        return http.sendAsync(HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString()).join();
    }

    /** The last run's figures as a Markdown table. */
    String table() {
        return table.toString();
    }

    private final StringBuilder table = new StringBuilder();

    private JsonObject report(double storeSeconds, double lagSeconds, Histogram all, Map<String, Histogram> byKind,
                              Map<String, LongAdder> found, long failures) {
        JsonObjectBuilder kinds = Json.createObjectBuilder();
        table.append(String.format(Locale.ROOT, "%,d messages stored in %.0f s (%,.0f a second); the message sent last"
                + " found %.2f s after its ack; %d searches, %d failed.%n%n", messages, storeSeconds,
                messages / storeSeconds, lagSeconds, all.getTotalCount(), failures));
        table.append("| searches | count | p50 (ms) | p99 (ms) | max (ms) | results a search |\n|---|---:|---:|---:|---:|---:|\n");
        byKind.forEach((kind, histogram) -> {
            double results = found.get(kind).sum() / (double) histogram.getTotalCount();
            kinds.add(kind, latency(histogram).add("results", results));
            table.append(String.format(Locale.ROOT, "| %s | %d | %.1f | %.1f | %.1f | %.1f |%n", kind,
                    histogram.getTotalCount(), histogram.getValueAtPercentile(50) / 1000.0,
                    histogram.getValueAtPercentile(99) / 1000.0, histogram.getMaxValue() / 1000.0, results));
        });
        table.append(String.format(Locale.ROOT, "| **all** | %d | **%.1f** | **%.1f** | %.1f | |%n", all.getTotalCount(),
                all.getValueAtPercentile(50) / 1000.0, all.getValueAtPercentile(99) / 1000.0, all.getMaxValue() / 1000.0));
        progress.println(table);
        return Json.createObjectBuilder()
                .add("messages", messages)
                .add("storeSeconds", storeSeconds)
                .add("storedPerSecond", messages / storeSeconds)
                .add("indexLagSeconds", lagSeconds)
                .add("searches", all.getTotalCount())
                .add("failures", failures)
                .add("all", latency(all))
                .add("byKind", kinds)
                .build();
    }

    private static JsonObjectBuilder latency(Histogram histogram) {
        return Json.createObjectBuilder()
                .add("p50", histogram.getValueAtPercentile(50) / 1000.0)
                .add("p99", histogram.getValueAtPercentile(99) / 1000.0)
                .add("p999", histogram.getValueAtPercentile(99.9) / 1000.0)
                .add("max", histogram.getMaxValue() / 1000.0);
    }
}
