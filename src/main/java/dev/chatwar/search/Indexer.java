package dev.chatwar.search;

import dev.chatwar.history.EventFeed;
import dev.chatwar.history.RoomEvent;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * Keeps a node's {@link MessageIndex} up with the database: each poll indexes the events stored since the last
 * one, whichever node stored them, in id order (an edit or a retraction re-reads its message, so that applying an
 * event twice, or late, leaves the same index). A new node, or one that was down, catches up the same way from
 * the last id its index committed. When nodes share the store, a commit can land after a higher id was read: each
 * poll reads again the last {@link #TRAIL} ids before where it stands.
 */
public final class Indexer {

    static final int PAGE = 1000;
    static final int TRAIL = 1000;
    private static final long COMMIT_EVERY_NANOS = 5_000_000_000L;

    private final EventFeed feed;
    private final MessageIndex index;
    private final boolean sharedStore;
    private final LongSupplier nanos;
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

    /** Indexes every event stored since the last poll; returns how many events it read. */
    public int poll() {
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
        index.refresh();
        if (lastId != committedId && nanos.getAsLong() - committedAt >= COMMIT_EVERY_NANOS) {
            index.commit(lastId);
            committedId = lastId;
            committedAt = nanos.getAsLong();
        }
        return read;
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
