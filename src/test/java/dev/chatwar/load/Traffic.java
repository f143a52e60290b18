package dev.chatwar.load;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * What a load run sent and what came back: deliveries, end-to-end latency (from the time a message was
 * meant to be sent to its arrival), messages in flight, error frames and closes.
 */
final class Traffic {

    private static final String TEXT = "\"text\":\"";

    private final Recorder latencyMicros = new Recorder(3);
    private final Histogram measured = new Histogram(3);
    private final LongAdder deliveries = new LongAdder();
    private final LongAdder sent = new LongAdder();
    private final LongAdder lost = new LongAdder();
    private final LongAdder sendFailures = new LongAdder();
    private final Map<String, LongAdder> errorFrames = new ConcurrentHashMap<>();
    private final Map<Integer, LongAdder> closes = new ConcurrentHashMap<>();
    private final Map<String, InFlight> inFlight = new ConcurrentHashMap<>();
    private final Semaphore window;
    private final Object drained = new Object();
    private volatile boolean draining;
    private volatile boolean measuring;
    private volatile boolean ending;

    /** A message some recipients have not got yet; only those sent while measuring count in the results. */
    private record InFlight(long sentNanos, AtomicInteger awaited, boolean measured) {
    }

    Traffic(int window) {
        this.window = new Semaphore(window);
    }

    /** The text of a message: its key, then padding up to the payload size. */
    static String text(String key, int payload) {
        StringBuilder text = new StringBuilder(payload).append(key).append('|');
        while (text.length() < payload) {
            text.append('x');
        }
        return text.toString();
    }

    /** Waits for room in the window (flat out); false if the run ends first. */
    boolean awaitWindow() throws InterruptedException {
        while (!ending) {
            if (window.tryAcquire(100, TimeUnit.MILLISECONDS)) {
                return true;
            }
        }
        return false;
    }

    void sending(String key, long intendedNanos, int recipients) {
        boolean measured = measuring;
        inFlight.put(key, new InFlight(intendedNanos, new AtomicInteger(recipients), measured));
        if (measured) {
            sent.increment();
        }
    }

    /** A message (its key starts its text) or a reaction (see {@link #reactionKey}) reached one recipient. */
    void delivered(String frame) {
        int start = frame.indexOf(TEXT) + TEXT.length();
        int keyEnd = frame.indexOf('|', start);
        if (start < TEXT.length() || keyEnd < 0) {
            return; // not one of ours
        }
        arrived(frame.substring(start, keyEnd));
    }

    /** A reaction's key: the message, the emoji and whether it was put on; only its message's sender changes it. */
    static String reactionKey(long messageId, String emoji, boolean added) {
        return "r" + messageId + emoji + added;
    }

    /** The key of a {@code reaction} frame, read without a JSON parse; null for one that is not a reaction. */
    static String reactionKey(String frame) {
        int id = frame.indexOf(MESSAGE_ID);
        int emoji = frame.indexOf(EMOJI);
        int added = frame.indexOf(ADDED);
        if (id < 0 || emoji < 0 || added < 0) {
            return null;
        }
        return reactionKey(Long.parseLong(frame.substring(id + MESSAGE_ID.length(), frame.indexOf(',', id))),
                frame.substring(emoji + EMOJI.length(), frame.indexOf('"', emoji + EMOJI.length())),
                frame.startsWith("true", added + ADDED.length()));
    }

    private static final String MESSAGE_ID = "\"messageId\":";
    private static final String EMOJI = "\"emoji\":\"";
    private static final String ADDED = "\"added\":";

    void arrived(String key) {
        if (key == null) {
            return;
        }
        long now = System.nanoTime();
        InFlight pending = inFlight.get(key);
        if (pending == null) {
            return; // given up on, or from an earlier run
        }
        if (pending.measured()) {
            latencyMicros.recordValue(Math.max(0, (now - pending.sentNanos()) / 1000));
            deliveries.increment();
        }
        if (pending.awaited().decrementAndGet() == 0 && inFlight.remove(key) != null) {
            settled();
        }
    }

    /** Waits until every message sent has reached all its recipients, up to the timeout; the rest count as lost. */
    void drain(long timeoutNanos) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutNanos;
        synchronized (drained) {
            draining = true;
            long left = timeoutNanos;
            while (!inFlight.isEmpty() && left > 0) {
                TimeUnit.NANOSECONDS.timedWait(drained, left);
                left = deadline - System.nanoTime();
            }
        }
        sweep(0);
    }

    // A message left the in-flight set: its window slot is free, and a drain may be waiting for the last one.
    private void settled() {
        window.release();
        if (draining && inFlight.isEmpty()) {
            synchronized (drained) {
                drained.notifyAll();
            }
        }
    }

    /** Gives up on messages some of whose recipients have not got them after the timeout: they count as lost. */
    void sweep(long timeoutNanos) {
        long now = System.nanoTime();
        inFlight.forEach((key, pending) -> {
            if (now - pending.sentNanos() >= timeoutNanos && inFlight.remove(key) != null) {
                if (pending.measured()) {
                    lost.add(Math.max(0, pending.awaited().get()));
                }
                settled();
            }
        });
    }

    void errorFrame(String code) {
        errorFrames.computeIfAbsent(code, any -> new LongAdder()).increment();
    }

    void sendFailed(Throwable failure) {
        if (!ending) {
            sendFailures.increment();
        }
    }

    void closed(int code) {
        if (!ending) {
            closes.computeIfAbsent(code, any -> new LongAdder()).increment();
        }
    }

    synchronized void startMeasuring() {
        latencyMicros.getIntervalHistogram();
        measured.reset();
        measuring = true;
    }

    synchronized void stopMeasuring() {
        measuring = false;
        measured.add(latencyMicros.getIntervalHistogram());
    }

    /** From now on, closes and failed sends are the tool's own doing. */
    void ending() {
        ending = true;
    }

    /** The latencies recorded since the last call, for a progress line; while measuring, kept for the result. */
    synchronized Histogram interval() {
        Histogram interval = latencyMicros.getIntervalHistogram();
        if (measuring) {
            measured.add(interval);
        }
        return interval;
    }

    synchronized Histogram latency() {
        return measured;
    }

    long deliveries() {
        return deliveries.sum();
    }

    long sent() {
        return sent.sum();
    }

    long lost() {
        return lost.sum();
    }

    long errors() {
        return errorFrames.values().stream().mapToLong(LongAdder::sum).sum() + sendFailures.sum()
                + closes.values().stream().mapToLong(LongAdder::sum).sum();
    }

    Map<String, Long> errorFrames() {
        TreeMap<String, Long> counts = new TreeMap<>();
        errorFrames.forEach((code, count) -> counts.put(code, count.sum()));
        return counts;
    }

    Map<Integer, Long> closes() {
        TreeMap<Integer, Long> counts = new TreeMap<>();
        closes.forEach((code, count) -> counts.put(code, count.sum()));
        return counts;
    }

    long sendFailures() {
        return sendFailures.sum();
    }
}
