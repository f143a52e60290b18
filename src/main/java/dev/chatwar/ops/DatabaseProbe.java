package dev.chatwar.ops;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * Whether the database answers, asked at most once a second however many probes arrive: while one probe
 * asks, the others get the last answer at once, so a burst of health requests costs one connection at most.
 */
public final class DatabaseProbe {

    /** Asks the database; false or an exception means it did not answer. */
    @FunctionalInterface
    public interface Check {
        boolean answers() throws Exception;
    }

    /** An answer, and when it was asked for. */
    public record Answer(boolean up, String detail, long askedAtNanos) {
    }

    static final long MAX_AGE_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final Check check;
    private final LongSupplier nanos;
    private final ReentrantLock asking = new ReentrantLock();
    private volatile Answer last;

    public DatabaseProbe(Check check, LongSupplier nanos) {
        this.check = check;
        this.nanos = nanos;
    }

    public Answer answer() {
        Answer seen = last;
        if (seen != null && nanos.getAsLong() - seen.askedAtNanos() < MAX_AGE_NANOS) {
            return seen;
        }
        if (!asking.tryLock()) {
            return seen != null ? seen : new Answer(false, "first check running", nanos.getAsLong());
        }
        try {
            long at = nanos.getAsLong();
            Answer fresh;
            try {
                fresh = check.answers() ? new Answer(true, "answers", at) : new Answer(false, "no valid connection", at);
            } catch (Exception failure) {
                // the kind of failure only: its message may name hosts and users
                fresh = new Answer(false, failure.getClass().getSimpleName(), at);
            }
            last = fresh;
            return fresh;
        } finally {
            asking.unlock();
        }
    }
}
