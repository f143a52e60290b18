package dev.chatwar.files;

import dev.chatwar.base.UserName;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * The bounds of uploads, whose bodies are held in memory until stored: at most {@link #maxBytes()} each (system
 * property {@value #MAX_BYTES}, default 10 MiB), whole within {@link #deadlineMillis()} ({@value #DEADLINE_SECONDS},
 * default 120 s), {@value #AT_ONCE} on a node at once (default 8: 80 MiB of bodies at most), {@value #PER_USER} of
 * them by one user.
 */
public final class Uploads {

    public static final String MAX_BYTES = "chat.files.max-bytes";
    public static final String DEADLINE_SECONDS = "chat.files.deadline-seconds";
    public static final String AT_ONCE = "chat.files.uploads-at-once";
    public static final int PER_USER = 2;
    /** Files of one user uploaded and not sent with a message yet; one more is refused. */
    public static final int MAX_WAITING = 20;

    private final long maxBytes;
    private final long deadlineMillis;
    private final Semaphore atOnce;
    private final ConcurrentHashMap<UserName, Integer> byUser = new ConcurrentHashMap<>();

    public Uploads(long maxBytes, long deadlineMillis, int atOnce) {
        this.maxBytes = maxBytes;
        this.deadlineMillis = deadlineMillis;
        this.atOnce = new Semaphore(atOnce);
    }

    public static Uploads fromSystemProperties() {
        return new Uploads(Long.getLong(MAX_BYTES, 10L * 1024 * 1024),
                Long.getLong(DEADLINE_SECONDS, 120) * 1000, Integer.getInteger(AT_ONCE, 8));
    }

    public long maxBytes() {
        return maxBytes;
    }

    public long deadlineMillis() {
        return deadlineMillis;
    }

    public enum Refusal { NONE, USER_BUSY, NODE_BUSY }

    /** Takes a slot for the user's upload, or says why not; a slot taken is given back with {@link #done}. */
    public Refusal begin(UserName user) {
        if (byUser.merge(user, 1, Integer::sum) > PER_USER) {
            done(user, false);
            return Refusal.USER_BUSY;
        }
        if (!atOnce.tryAcquire()) {
            done(user, false);
            return Refusal.NODE_BUSY;
        }
        return Refusal.NONE;
    }

    public void done(UserName user) {
        done(user, true);
    }

    private void done(UserName user, boolean hadSlot) {
        if (hadSlot) {
            atOnce.release();
        }
        byUser.computeIfPresent(user, (any, count) -> count <= 1 ? null : count - 1);
    }
}
