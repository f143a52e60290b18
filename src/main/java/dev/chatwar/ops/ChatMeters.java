package dev.chatwar.ops;

import dev.chatwar.base.ErrorCode;
import dev.chatwar.base.Timings;
import dev.chatwar.chat.Chat;
import dev.chatwar.connection.Connection;
import dev.chatwar.connection.Connections;
import dev.chatwar.connection.Traffic;
import dev.chatwar.identity.Accounts;
import dev.chatwar.protocol.CloseCodes;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToDoubleFunction;

/** The chat's own meters: what they are called, and where each reads its value. */
final class ChatMeters implements Timings {

    private static final double KIB = 1024;

    private final MeterRegistry registry;
    private final Chat chat;
    private final Traffic traffic;
    private final Timer commits;
    private final Timer peerLag;
    private final DistributionSummary sendQueues;
    private final AtomicLong longestSendQueue = new AtomicLong();
    // labels made so far: Micrometer warns of a meter registered twice
    private final Set<String> labelled = ConcurrentHashMap.newKeySet();

    ChatMeters(MeterRegistry registry, Chat chat, Traffic traffic, Accounts accounts) {
        this.registry = registry;
        this.chat = chat;
        this.traffic = traffic;
        Connections connections = chat.connections();

        gauge("chat.connections", "WebSocket connections open on this node", connections, Connections::connectionCount);
        gauge("chat.users", "distinct users with a connection to this node", connections, Connections::userCount);
        gauge("chat.rooms", "rooms held in memory", chat, Chat::roomCount);
        counter("chat.room.loads", "rooms loaded into memory (again after each drop)", chat, Chat::roomLoads);
        gauge("chat.cluster.peers", "other nodes heard from lately", chat, Chat::peerCount);

        counter("chat.frames.received", "text frames received", traffic, Traffic::framesIn);
        counter("chat.frames.sent", "frames handed to the container", traffic, Traffic::framesOut);
        counter("chat.deliveries", "message events handed to connections", traffic, Traffic::deliveries);
        counter("chat.messages.stored", "appends the store committed: messages, edits, retractions",
                chat, c -> c.storeStats().appends());
        counter("chat.store.transactions", "transactions the store's writer committed", chat,
                c -> c.storeStats().commits());
        FunctionCounter.builder("chat.rate.limited", traffic, Traffic::rateRefused).tag("action", "refused")
                .description("frames over the rate limit").register(registry);
        FunctionCounter.builder("chat.rate.limited", traffic, Traffic::rateClosed).tag("action", "closed")
                .description("frames over the rate limit").register(registry);
        FunctionCounter.builder("chat.handshakes", traffic, Traffic::handshakesAccepted)
                .tags("outcome", "accepted", "reason", "none").description("WebSocket handshakes").register(registry);
        counter("chat.slow.consumer.closes", "connections closed because their send queue overflowed", connections,
                c -> c.serverCloseCodeCounts().getOrDefault(CloseCodes.SLOW_CONSUMER, 0L));

        FunctionCounter.builder("chat.sign.ins", accounts, a -> a.signIns().succeededCount())
                .tag("outcome", "succeeded").description("sign-ins").register(registry);
        FunctionCounter.builder("chat.sign.ins", accounts, a -> a.signIns().failedCount())
                .tag("outcome", "failed").description("sign-ins").register(registry);
        FunctionCounter.builder("chat.sign.ins", accounts, a -> a.signIns().lockedOutCount())
                .tag("outcome", "locked_out").description("sign-ins").register(registry);
        counter("chat.password.hashes", "passwords hashed", accounts, a -> a.hashingStats().hashed());

        commits = Timer.builder("chat.store.commit").description("time to commit one transaction of the store")
                .serviceLevelObjectives(millis(1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 2500)).register(registry);
        peerLag = Timer.builder("chat.cluster.lag")
                .description("from a message's sending on another node to its arrival here")
                .serviceLevelObjectives(millis(1, 5, 10, 25, 50, 100, 250, 500, 1000, 5000)).register(registry);
        sendQueues = DistributionSummary.builder("chat.send.queue").baseUnit("chars")
                .description("characters queued per connection, sampled every second")
                .serviceLevelObjectives(KIB / 4, KIB, 4 * KIB, 16 * KIB, 64 * KIB, 256 * KIB, 1024 * KIB).register(registry);
        Gauge.builder("chat.send.queue.longest", longestSendQueue, AtomicLong::get).baseUnit("chars")
                .description("the longest send queue at the last sample").register(registry);
        chat.reportTo(this);
    }

    @Override
    public void committed(long nanos, int appends) {
        commits.record(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void peerLag(long millis) {
        peerLag.record(Math.max(0, millis), TimeUnit.MILLISECONDS);
    }

    void sampleSendQueues() {
        long longest = 0;
        for (Connection connection : chat.connections().all()) {
            long chars = connection.queuedChars();
            sendQueues.record(chars);
            longest = Math.max(longest, chars);
        }
        longestSendQueue.set(longest);
    }

    /** Counters whose labels appear as the node works: close codes, and the reasons handshakes were refused for. */
    void registerNewLabels() {
        Connections connections = chat.connections();
        closes(connections, "server");
        closes(connections, "client");
        for (ErrorCode reason : ErrorCode.values()) {
            if (traffic.handshakesRefused(reason) > 0 && labelled.add("handshake " + reason)) {
                FunctionCounter.builder("chat.handshakes", traffic, t -> t.handshakesRefused(reason))
                        .tags("outcome", "refused", "reason", reason.wireName()).description("WebSocket handshakes")
                        .register(registry);
            }
        }
    }

    // A client may close with any code from 1000 to 4999: those of RFC 6455 keep their own label, the rest share one.
    // (the meters hold their source weakly: it must be an object the chat holds, not a lambda made here)
    private void closes(Connections connections, String by) {
        for (Integer code : counts(connections, by).keySet()) {
            String label = label(by, code);
            if (!labelled.add("close " + by + " " + label)) {
                continue;
            }
            FunctionCounter.builder("chat.closes", connections, c -> sumFor(counts(c, by), by, label))
                    .tags("by", by, "code", label).description("connections closed, by code and by who decided")
                    .register(registry);
        }
    }

    private static Map<Integer, Long> counts(Connections connections, String by) {
        return by.equals("server") ? connections.serverCloseCodeCounts() : connections.clientCloseCodeCounts();
    }

    static String label(String by, int code) {
        return by.equals("server") || code >= 1000 && code <= 1015 ? String.valueOf(code) : "other";
    }

    private static double sumFor(Map<Integer, Long> counts, String by, String label) {
        return counts.entrySet().stream().filter(e -> label(by, e.getKey()).equals(label))
                .mapToLong(Map.Entry::getValue).sum();
    }

    private <T> void gauge(String name, String description, T source, ToDoubleFunction<T> value) {
        Gauge.builder(name, source, value).description(description).register(registry);
    }

    private <T> void counter(String name, String description, T source, ToDoubleFunction<T> value) {
        FunctionCounter.builder(name, source, value).description(description).register(registry);
    }

    private static Duration[] millis(long... values) {
        Duration[] durations = new Duration[values.length];
        for (int i = 0; i < values.length; i++) {
            durations[i] = Duration.ofMillis(values[i]);
        }
        return durations;
    }
}
