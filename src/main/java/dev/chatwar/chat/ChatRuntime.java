package dev.chatwar.chat;

import dev.chatwar.history.EventStore;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.concurrent.Executor;

/** Holds the application's one {@link Chat} and closes every connection when the application stops. */
@ApplicationScoped
public class ChatRuntime {

    /** System property: how many characters of frames a connection may have queued before it is closed. */
    public static final String OUTBOX_CAPACITY = "chat.outbox.capacity";
    public static final long DEFAULT_OUTBOX_CAPACITY = 1024 * 1024;

    @Inject
    EventStore store;

    @Resource
    ManagedExecutorService executor;

    private Chat chat;

    @PostConstruct
    void start() {
        chat = new Chat(store, Clock.systemUTC(), Long.getLong(OUTBOX_CAPACITY, DEFAULT_OUTBOX_CAPACITY));
    }

    @PreDestroy
    void stop() {
        chat.shutdown();
    }

    public Chat chat() {
        return chat;
    }

    /** Runs closes off the caller's thread, so that a stuck peer never holds up the sender. */
    public Executor closer() {
        return executor;
    }
}
