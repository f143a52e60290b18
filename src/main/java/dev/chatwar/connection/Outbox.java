package dev.chatwar.connection;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * A connection's ordered, bounded queue of outgoing frames. At most one send is in flight, so the container
 * never sees concurrent sends on one session; offering never blocks. Text frames that queued up behind a send
 * leave together in the next one, up to the sink's batch limit, so a busy connection needs fewer writes.
 * When the queued text would exceed the capacity, the outbox gives up: it drops what it holds and refuses
 * everything after. It also tells since when it has been waiting on the peer: for a send to complete, and
 * for any answer to the pings it wrote.
 */
public final class Outbox {

    // Queued in place of a text frame to send a ping in turn; compared by identity, it costs nothing to queue.
    private static final String PING = new String("ping");
    // Queued last to close the connection once everything before it is sent.
    private static final String CLOSE = new String("close");

    private final FrameSink sink;
    private final int batchLimit;
    private final long capacityChars;
    private final LongSupplier clockMillis;
    private final ArrayDeque<String> queue = new ArrayDeque<>();
    private long queuedChars;
    private boolean sending;
    private boolean insideSend;
    private boolean completedInside;
    private boolean overflowed;
    private boolean failed;
    private boolean closing;
    private int closeCode;
    private String closeReason;
    private long sendingSince;
    private long unansweredPingSince;

    public Outbox(FrameSink sink, long capacityChars) {
        this(sink, capacityChars, System::currentTimeMillis);
    }

    public Outbox(FrameSink sink, long capacityChars, LongSupplier clockMillis) {
        this.sink = sink;
        this.batchLimit = Math.max(1, sink.batchLimit());
        this.capacityChars = capacityChars;
        this.clockMillis = clockMillis;
    }

    /** Queues a frame; false when the outbox overflowed now or earlier, or when the transport failed. */
    public boolean offer(String frame) {
        synchronized (this) {
            if (overflowed || failed || closing) {
                return false;
            }
            if (queuedChars + frame.length() > capacityChars) {
                overflowed = true;
                queue.clear();
                queuedChars = 0;
                return false;
            }
            queue.add(frame);
            queuedChars += frame.length();
            if (sending) {
                return true;
            }
            sending = true;
        }
        pump();
        return true;
    }

    /**
     * Queues a frame that may be lost, such as a typing indicator: when the outbox is more than half full
     * it is dropped at once, so a slow client loses these before anything that matters. False only when
     * the outbox has given up, as for {@link #offer}.
     */
    public boolean offerEphemeral(String frame) {
        synchronized (this) {
            if (overflowed || failed) {
                return false;
            }
            if (queuedChars + frame.length() > capacityChars / 2) {
                return true;
            }
        }
        return offer(frame);
    }

    /**
     * Queues a ping behind the frames already waiting; false as for {@link #offer}. When nothing can reach
     * the peer any more (the outbox closed or failed), the ping counts as unanswered from now, so that a
     * connection whose close the container never reports is still found silent.
     */
    public boolean offerPing() {
        synchronized (this) {
            if ((closing || failed) && unansweredPingSince == 0) {
                unansweredPingSince = clockMillis.getAsLong();
            }
        }
        return offer(PING);
    }

    /** Closes the connection once the frames queued so far are sent; nothing offered later is sent. */
    public void offerClose(int code, String reason) {
        synchronized (this) {
            if (closing) {
                return;
            }
            closing = true;
            closeCode = code;
            closeReason = reason;
            queue.add(CLOSE);
            if (sending) {
                return;
            }
            sending = true;
        }
        pump();
    }

    public synchronized boolean overflowed() {
        return overflowed;
    }

    public synchronized int queued() {
        return queue.size();
    }

    /** The peer sent something: the pings written so far are answered. */
    public synchronized void answered() {
        unansweredPingSince = 0;
    }

    /**
     * When the first ping written since the last answer went out, in the clock's milliseconds; 0 if none.
     * A ping still queued behind other frames does not count: the peer cannot answer it yet.
     */
    public synchronized long unansweredPingSince() {
        return unansweredPingSince;
    }

    /** When the send in flight began, in the clock's milliseconds; 0 when none is in flight. */
    public synchronized long sendingSince() {
        return sendingSince;
    }

    // Runs while this outbox owns the in-flight slot. A sink that completes inside send() does not recurse:
    // the loop picks up the next frames instead, so a long queue cannot overflow the stack.
    private void pump() {
        while (true) {
            String marker = null;
            List<String> batch = null;
            synchronized (this) {
                String head = (overflowed || failed) ? null : queue.peek();
                if (head == null) {
                    sending = false;
                    return;
                }
                if (isMarker(head)) {
                    marker = queue.poll();
                    if (marker == PING) {
                        queuedChars -= PING.length();
                    }
                } else {
                    batch = takeTextFrames();
                }
                insideSend = true;
                completedInside = false;
                long now = clockMillis.getAsLong();
                sendingSince = now;
                if (marker == PING && unansweredPingSince == 0) {
                    unansweredPingSince = now;
                }
            }
            if (marker == CLOSE) {
                sink.close(closeCode, closeReason);
                synchronized (this) {
                    insideSend = false;
                    sending = false;
                    sendingSince = 0;
                }
                return;
            }
            try {
                if (marker == PING) {
                    sink.ping(this::sent);
                } else {
                    sink.send(batch, this::sent);
                }
            } catch (RuntimeException transportGone) {
                // a sink should report failures through the callback; one that throws must not wedge the outbox
                sent(transportGone);
            }
            synchronized (this) {
                insideSend = false;
                if (!completedInside) {
                    return;
                }
            }
        }
    }

    // The text frames at the head of the queue, up to the batch limit; a ping or the close waits for its own turn.
    private List<String> takeTextFrames() {
        List<String> batch = new ArrayList<>(Math.min(batchLimit, queue.size()));
        while (batch.size() < batchLimit) {
            String frame = queue.peek();
            if (frame == null || isMarker(frame)) {
                break;
            }
            queue.poll();
            queuedChars -= frame.length();
            batch.add(frame);
        }
        return batch;
    }

    private static boolean isMarker(String frame) {
        return frame == PING || frame == CLOSE;
    }

    private void sent(Throwable failure) {
        synchronized (this) {
            sendingSince = 0;
            if (failure != null) {
                failed = true;
                queue.clear();
                queuedChars = 0;
            }
            if (insideSend) {
                completedInside = true;
                return;
            }
        }
        pump();
    }
}
