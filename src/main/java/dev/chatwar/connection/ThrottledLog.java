package dev.chatwar.connection;

import java.time.Duration;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A log for lines that clients can cause, so that a client cannot flood the server's log: at most a few lines
 * per window, the next line that goes out counting those held back, and a cause as its class and message only.
 * The full stack trace goes to FINE, for whoever turns that on.
 */
public final class ThrottledLog {

    private final Logger logger;
    private final int perWindow;
    private final long windowNanos;
    private final LongSupplier nanos;
    private long windowStart;
    private int written;
    private long heldBack;

    public ThrottledLog(Logger logger, int perWindow, Duration window, LongSupplier nanos) {
        this.logger = logger;
        this.perWindow = perWindow;
        this.windowNanos = window.toNanos();
        this.nanos = nanos;
        this.windowStart = nanos.getAsLong();
    }

    public void log(Level level, String message, Throwable cause) {
        if (logger.isLoggable(Level.FINE)) {
            logger.log(Level.FINE, message, cause);
        }
        if (!logger.isLoggable(level)) {
            return;
        }
        long held;
        synchronized (this) {
            long now = nanos.getAsLong();
            if (now - windowStart >= windowNanos) {
                windowStart = now;
                written = 0;
            }
            if (written == perWindow) {
                heldBack++;
                return;
            }
            written++;
            held = heldBack;
            heldBack = 0;
        }
        logger.log(level, message + (cause == null ? "" : ": " + cause)
                + (held == 0 ? "" : " (" + held + " similar lines held back)"));
    }
}
