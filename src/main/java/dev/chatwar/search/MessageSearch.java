package dev.chatwar.search;

import dev.chatwar.base.ChatException;
import dev.chatwar.base.ErrorCode;
import dev.chatwar.base.RoomName;
import java.util.Collection;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Searches the node's index, a few at a time: a search uses a core while it runs, so at most one per core runs at
 * once; one that cannot start within a second is answered {@code server_busy}.
 */
public final class MessageSearch {

    private final MessageIndex index;
    private final Semaphore running;

    public MessageSearch(MessageIndex index, int atOnce) {
        this.index = index;
        this.running = new Semaphore(atOnce);
    }

    /** The messages of these rooms that match; the caller decides which rooms the reader may read. */
    public SearchResults find(SearchQuery query, Collection<RoomName> readable) {
        boolean started;
        try {
            started = running.tryAcquire(1, TimeUnit.SECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            started = false;
        }
        if (!started) {
            throw new ChatException(ErrorCode.SERVER_BUSY, "the server is searching for others: try again", null);
        }
        try {
            return index.search(query, readable);
        } finally {
            running.release();
        }
    }
}
