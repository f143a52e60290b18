package dev.chatwar.chat;

import dev.chatwar.history.EventStore;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** Holds the application's one {@link Chat} and closes every connection when the application stops. */
@ApplicationScoped
public class ChatRuntime {

    /** System property: how many characters of frames a connection may have queued before it is closed. */
    public static final String OUTBOX_CAPACITY = "chat.outbox.capacity";
    public static final long DEFAULT_OUTBOX_CAPACITY = 1024 * 1024;
    /** System property: seconds between pings to every connection; 0 turns pings off. */
    public static final String PING_INTERVAL = "chat.ping.interval";
    // below WildFly's default read-timeout of 90 s, which closes a connection that sent nothing for that long
    public static final long DEFAULT_PING_INTERVAL = 30;

    @Inject
    EventStore store;

    @Resource
    ManagedExecutorService executor;

    @Resource
    ManagedScheduledExecutorService scheduler;

    private Chat chat;
    private ScheduledFuture<?> pings;

    @PostConstruct
    void start() {
        chat = new Chat(store, Clock.systemUTC(), Long.getLong(OUTBOX_CAPACITY, DEFAULT_OUTBOX_CAPACITY));
        long interval = Long.getLong(PING_INTERVAL, DEFAULT_PING_INTERVAL);
        if (interval > 0) {
            pings = scheduler.scheduleAtFixedRate(chat::pingAll, interval, interval, TimeUnit.SECONDS);
        }
    }

    @PreDestroy
    void stop() {
        if (pings != null) {
            pings.cancel(false);
        }
        chat.shutdown();
    }

    public Chat chat() {
        return chat;
    }

    /** Where connections' work runs, off the container's I/O threads. */
    public Executor worker() {
        return executor;
    }
}
