package dev.chatwar.search;

import dev.chatwar.history.EventFeed;
import dev.chatwar.history.RoomEvent;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * Keeps a node's {@link MessageIndex} up with the database: each poll indexes the events stored since the last
 * one, whichever node stored them, in id order (an edit or a retraction re-reads its message, so that applying an
 * event twice, or late, leaves the same index). A new node, or one that was down, catches up the same way from
 * the last id its index committed. When nodes share the store, a commit can land after a higher id was read: each
 * poll reads again the last {@link #TRAIL} ids before where it stands.
 * <p>
 * A server alone stores every event itself, through one writer, in id order: once caught up, it indexes the
 * events its writer hands to {@link #committed} instead of reading them back (reading them back took nearly a
 * third of the indexing). Should more than {@link #MAX_WAITING} wait (two seconds of the most this machine stores,
 * at most 80 MB of text), it lets them go and reads the database again.
 */
public final class Indexer {

    static final int PAGE = 1000;
    static final int TRAIL = 1000;
    static final int MAX_WAITING = 10_000;
    private static final long COMMIT_EVERY_NANOS = 5_000_000_000L;

    private final EventFeed feed;
    private final MessageIndex index;
    private final boolean sharedStore;
    private final LongSupplier nanos;
    private final Queue<RoomEvent> waiting = new ConcurrentLinkedQueue<>();
    private final AtomicInteger waitingCount = new AtomicInteger();
    private volatile boolean overflowed = true; // nothing followed yet: the database is read first
    private volatile long lastId;
    private long committedAt;
    private long committedId;

    public Indexer(EventFeed feed, MessageIndex index, boolean sharedStore, LongSupplier nanos) {
        this.feed = feed;
        this.index = index;
        this.sharedStore = sharedStore;
        this.nanos = nanos;
    }

    /** Where to begin: after the index's last commit, or from scratch if the index knows ids the database lacks. */
    public void start() {
        long committed = index.committedLastId();
        if (committed > feed.lastId()) {
            index.clear(); // made for another database: a fresh one, or one restored from an older backup
            committed = 0;
        }
        lastId = committed;
        committedId = committed;
        committedAt = nanos.getAsLong();
    }

    /** The events this node's writer committed, in id order; called on the writer's thread, never blocks. */
    public void committed(List<RoomEvent> events) {
        if (sharedStore || overflowed || events.isEmpty()) {
            return;
        }
        List<RoomEvent> followed = events.stream().filter(Indexer::followed).toList();
        if (waitingCount.addAndGet(followed.size()) > MAX_WAITING) {
            overflowed = true; // the next poll reads the database, these included
            return;
        }
        waiting.addAll(followed);
    }

    /** Indexes every event stored since the last poll; returns how many events it took. */
    public int poll() {
        int read;
        if (sharedStore || overflowed) {
            overflowed = false; // from now on what the writer commits waits here; the database has the rest
            waiting.clear();
            waitingCount.set(0);
            read = read();
        } else {
            read = takeWaiting();
        }
        index.refresh();
        if (lastId != committedId && nanos.getAsLong() - committedAt >= COMMIT_EVERY_NANOS) {
            index.commit(lastId);
            committedId = lastId;
            committedAt = nanos.getAsLong();
        }
        return read;
    }

    private int read() {
        int read = 0;
        long from = sharedStore ? Math.max(0, lastId - TRAIL) : lastId;
        List<RoomEvent> page;
        do {
            page = feed.after(from, PAGE);
            apply(page);
            read += page.size();
            if (!page.isEmpty()) {
                from = page.get(page.size() - 1).id();
                lastId = Math.max(lastId, from);
            }
        } while (page.size() == PAGE);
        return read;
    }

    // those read from the database already (committed while it was read) are passed over
    private int takeWaiting() {
        List<RoomEvent> taken = new ArrayList<>();
        for (RoomEvent event = waiting.poll(); event != null; event = waiting.poll()) {
            waitingCount.decrementAndGet();
            if (event.id() > lastId) {
                taken.add(event);
            }
        }
        apply(taken);
        for (RoomEvent event : taken) {
            lastId = Math.max(lastId, event.id());
        }
        return taken.size();
    }

    private static boolean followed(RoomEvent event) {
        return event.isMessage() || event.kind() == RoomEvent.Kind.EDIT || event.kind() == RoomEvent.Kind.RETRACTION;
    }

    /** The highest event id indexed. */
    public long lastId() {
        return lastId;
    }

    private void apply(List<RoomEvent> events) {
        Set<Long> changed = new LinkedHashSet<>();
        for (RoomEvent event : events) {
            if (event.isMessage()) {
                index.put(event);
            } else if (event.messageId() != null) {
                changed.add(event.messageId());
            }
        }
        feed.messages(changed).forEach(index::put);
    }
}
