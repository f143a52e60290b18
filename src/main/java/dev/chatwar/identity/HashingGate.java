package dev.chatwar.identity;

import dev.chatwar.base.ChatException;
import dev.chatwar.base.ErrorCode;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Bounds the password hashing a server does at once, so that a flood of sign-ins or registrations takes at most
 * {@code concurrent} cores from the chat. Up to {@code waiting} more callers wait their turn, for a while; past
 * that, a caller is refused at once with {@code server_busy}, and nothing was done for it.
 */
final class HashingGate {

    private static final long MAX_WAIT_MILLIS = 5_000;

    private final Semaphore permits;
    private final int maxWaiting;
    private final AtomicInteger waiting = new AtomicInteger();
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicInteger mostAtOnce = new AtomicInteger();
    private final AtomicLong hashed = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();

    HashingGate(int concurrent, int maxWaiting) {
        this.permits = new Semaphore(concurrent, true);
        this.maxWaiting = maxWaiting;
    }

    <T> T run(Supplier<T> hashing) {
        if (!permits.tryAcquire()) {
            if (waiting.incrementAndGet() > maxWaiting) {
                waiting.decrementAndGet();
                throw busy();
            }
            try {
                if (!permits.tryAcquire(MAX_WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
                    throw busy();
                }
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw busy();
            } finally {
                waiting.decrementAndGet();
            }
        }
        mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
        try {
            return hashing.get();
        } finally {
            running.decrementAndGet();
            hashed.incrementAndGet();
            permits.release();
        }
    }

    /** Callers waiting for a permit now. */
    int waiting() {
        return waiting.get();
    }

    HashingStats stats() {
        return new HashingStats(hashed.get(), refused.get(), mostAtOnce.get());
    }

    private ChatException busy() {
        refused.incrementAndGet();
        return new ChatException(ErrorCode.SERVER_BUSY, "too many sign-ins at once; retry in a few seconds");
    }
}
