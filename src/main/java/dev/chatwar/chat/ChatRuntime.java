package dev.chatwar.chat;

import dev.chatwar.base.ServerModerators;
import dev.chatwar.cluster.Cluster;
import dev.chatwar.cluster.ClusterMessage;
import dev.chatwar.cluster.ClusterSettings;
import dev.chatwar.cluster.JmsCluster;
import dev.chatwar.connection.RateLimits;
import dev.chatwar.connection.Traffic;
import dev.chatwar.history.EventStore;
import dev.chatwar.history.StoredEvents;
import dev.chatwar.identity.Authentication;
import dev.chatwar.room.RoomAccess;
import dev.chatwar.room.RoomDirectory;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Holds the application's one {@link Chat} and closes every connection when the application stops. */
@ApplicationScoped
public class ChatRuntime {

    /** System property: how many characters of frames a connection may have queued before it is closed. */
    public static final String OUTBOX_CAPACITY = "chat.outbox.capacity";
    public static final long DEFAULT_OUTBOX_CAPACITY = 1024 * 1024;
    /** A connection silent (no frame, no pong) for this many ping intervals is closed. */
    public static final int MISSED_PINGS = 3;
    /** System property: seconds between pings to every connection; 0 turns pings off. */
    public static final String PING_INTERVAL = "chat.ping.interval";
    // below WildFly's default read-timeout of 90 s, which closes a connection that sent nothing for that long
    public static final long DEFAULT_PING_INTERVAL = 30;

    /** System property: threads that handle connections' requests (reading the database, some of them). */
    public static final String REQUEST_THREADS = "chat.threads.requests";
    public static final int DEFAULT_REQUEST_THREADS = 16;
    /** System property: threads that queue rooms' events to their members; default, the processors' count. */
    public static final String FAN_OUT_THREADS = "chat.threads.fan-out";

    /** System property: how often, in seconds, idle rooms are looked for; one idle at two sweeps in a row is dropped. */
    public static final String ROOM_SWEEP_SECONDS = "chat.room-sweep-seconds";
    public static final long DEFAULT_ROOM_SWEEP_SECONDS = 60;

    private static final Logger LOG = Logger.getLogger(ChatRuntime.class.getName());

    @Inject
    EventStore store;

    @Inject
    RoomDirectory directory;

    @Inject
    StoredEvents stored;

    @Inject
    Authentication authentication;

    @Resource
    ManagedThreadFactory threadFactory;

    @Resource
    ManagedScheduledExecutorService scheduler;

    private final Traffic traffic = new Traffic();
    private final RateLimits rateLimits = new RateLimits(RateLimits.Settings.fromSystemProperties(), System::nanoTime);
    private Chat chat;
    private ExecutorService storeWriter;
    private ExecutorService fanOut;
    private ExecutorService requests;
    private JmsCluster cluster;
    private ScheduledFuture<?> pings;
    // a silent peer is closed after this long (MISSED_PINGS ping intervals); 0 with pings off
    private long maxSilenceMillis;
    private ScheduledFuture<?> expiries;
    private ScheduledFuture<?> roomSweeps;
    private ScheduledFuture<?> heartbeats;
    private volatile long lastTickMillis = System.currentTimeMillis();
    private volatile boolean stopping;
    private final List<Runnable> alsoEverySecond = new CopyOnWriteArrayList<>();

    @PostConstruct
    void start() {
        RoomAccess access = new RoomAccess(directory, ServerModerators.fromSystemProperty());
        long outboxCapacity = Long.getLong(OUTBOX_CAPACITY, DEFAULT_OUTBOX_CAPACITY);
        ClusterSettings settings = ClusterSettings.fromSystemProperties().orElse(null);
        storeWriter = pool("chat-store-writer", 1);
        fanOut = pool("chat-fan-out", Integer.getInteger(FAN_OUT_THREADS, Math.max(2, cores())));
        requests = pool("chat-requests", Integer.getInteger(REQUEST_THREADS, DEFAULT_REQUEST_THREADS));
        Chat.Workers workers = new Chat.Workers(storeWriter, fanOut);
        if (settings == null) {
            chat = new Chat(store, access, Clock.systemUTC(), outboxCapacity, Cluster.ALONE, 0, workers);
        } else {
            cluster = new JmsCluster(settings, requests);
            chat = new Chat(store, access, Clock.systemUTC(), outboxCapacity, cluster,
                    TimeUnit.SECONDS.toMillis(settings.peerTimeoutSecs()), workers);
            chat.whenSessionEndsElsewhere(authentication.accounts()::ended);
            cluster.listen(chat::fromPeer);
            cluster.tell(new ClusterMessage.Hello());
            heartbeats = scheduler.scheduleAtFixedRate(logged("cluster heartbeat failed", chat::heartbeat), 0,
                    ClusterSettings.HEARTBEAT_SECS, TimeUnit.SECONDS);
            LOG.info("node " + settings.node() + " joined the cluster at " + settings.brokerUrl());
        }
        chat.whenStored(stored::committed);
        long interval = Long.getLong(PING_INTERVAL, DEFAULT_PING_INTERVAL);
        if (interval > 0) {
            maxSilenceMillis = TimeUnit.SECONDS.toMillis(interval * MISSED_PINGS);
            pings = scheduler.scheduleAtFixedRate(logged("could not ping the connections", chat::pingAll),
                    interval, interval, TimeUnit.SECONDS);
        }
        long sweep = Long.getLong(ROOM_SWEEP_SECONDS, DEFAULT_ROOM_SWEEP_SECONDS);
        roomSweeps = scheduler.scheduleWithFixedDelay(logged("could not drop idle rooms", chat::evictIdleRooms),
                sweep, sweep, TimeUnit.SECONDS);
        expiries = scheduler.scheduleWithFixedDelay(
                logged("could not close silent connections or expire sessions", this::tick),
                1, 1, TimeUnit.SECONDS);
    }

    @PreDestroy
    void stop() {
        stopping = true;
        if (pings != null) {
            pings.cancel(false);
        }
        expiries.cancel(false);
        roomSweeps.cancel(false);
        if (heartbeats != null) {
            heartbeats.cancel(false);
        }
        chat.shutdown();
        if (cluster != null) {
            cluster.close();
        }
        for (ExecutorService pool : List.of(requests, fanOut, storeWriter)) {
            pool.shutdown();
        }
    }

    // Threads of the container's (so that they may use the database), in pools of the chat's own, named for their
    // job in thread dumps: the queues hold one task per connection or room at most, as each runs a mailbox.
    private ExecutorService pool(String name, int threads) {
        AtomicInteger count = new AtomicInteger();
        ThreadFactory named = task -> {
            Thread thread = threadFactory.newThread(task);
            thread.setName(name + "-" + count.incrementAndGet());
            return thread;
        };
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), named);
        // All made now, on the application's own thread. A managed thread takes the naming context of the thread
        // that asks for it: one first asked for by the broker client's thread could look nothing up (on WildFly,
        // java:comp of the store, when a node heard of another's message before any client connected to it).
        pool.prestartAllCoreThreads();
        return pool;
    }

    private static int cores() {
        return Runtime.getRuntime().availableProcessors();
    }

    private void tick() {
        lastTickMillis = System.currentTimeMillis();
        if (maxSilenceMillis > 0) {
            chat.closeSilent(maxSilenceMillis);
        }
        chat.expireSessions();
        chat.flushActivity();
        rateLimits.sweep();
        for (Runnable task : alsoEverySecond) {
            logged("a one-second task failed", task).run();
        }
    }

    /** Runs the task on the node's one-second tick too, for as long as the application runs: no timer of its own. */
    public void everySecond(Runnable task) {
        alsoEverySecond.add(task);
    }

    // a scheduled task that throws is never run again: log the failure and carry on
    private static Runnable logged(String failure, Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, failure, e);
            }
        };
    }

    /** How long ago the one-second tick last ran: long ago means the node's scheduled work is stuck. */
    public long tickAgeMillis() {
        return System.currentTimeMillis() - lastTickMillis;
    }

    /** Whether the broker is connected; empty on a node that is not part of a cluster. */
    public Optional<Boolean> brokerConnected() {
        return cluster == null ? Optional.empty() : Optional.of(cluster.connected());
    }

    /** Whether the application is stopping: its connections are being closed. */
    public boolean stopping() {
        return stopping;
    }

    /** What crossed this node's WebSocket boundary. */
    public Traffic traffic() {
        return traffic;
    }

    public RateLimits rateLimits() {
        return rateLimits;
    }

    public Chat chat() {
        return chat;
    }

    /** Where connections' work runs, off the container's I/O threads. */
    public Executor worker() {
        return requests;
    }
}
