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

    /** What waits in the queue: text frames, a ping in its turn, and last of all the close. */
    private sealed interface Item {
    }

    private record Text(String frame) implements Item {
    }

    private record Ping() implements Item {
    }

    private record Close(int code, String reason) implements Item {
    }

    private static final Ping PING = new Ping();
    // a queued ping counts this much against the capacity, so that pings piling up on a stuck peer end it too
    private static final int PING_CHARS = 4;

    /** Whether the outbox still takes frames. */
    private enum State {
        OPEN,
        /** The close is queued: what is ahead of it is still sent, nothing is taken. */
        CLOSING,
        /** The peer fell too far behind: the queue was dropped, nothing more is sent. */
        OVERFLOWED,
        /** The transport reported a failure: likewise. */
        FAILED
    }

    /**
     * The one send in flight. A pumping thread that finds its send completed before the sink returned loops to
     * the next instead of recursing, so that a sink that completes at once cannot overflow the stack.
     */
    private enum Flight { IDLE, PUMPING, COMPLETED_INSIDE, AWAITING }

    private final FrameSink sink;
    private final int batchLimit;
    private final long capacityChars;
    private final LongSupplier clockMillis;
    private final ArrayDeque<Item> queue = new ArrayDeque<>();
    private long queuedChars;
    private State state = State.OPEN;
    private Flight flight = Flight.IDLE;
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
        return add(new Text(frame));
    }

    private boolean add(Item item) {
        synchronized (this) {
            if (state != State.OPEN) {
                return false;
            }
            if (queuedChars + chars(item) > capacityChars) {
                state = State.OVERFLOWED;
                queue.clear();
                queuedChars = 0;
                return false;
            }
            queuedChars += chars(item);
            queue.add(item);
            if (!startPumping()) {
                return true;
            }
        }
        pump();
        return true;
    }

    private static int chars(Item item) {
        return item instanceof Text text ? text.frame().length() : PING_CHARS;
    }

    // true when the caller now owns the send slot and must pump
    private boolean startPumping() {
        if (flight != Flight.IDLE) {
            return false;
        }
        flight = Flight.PUMPING;
        return true;
    }

    /**
     * Queues a frame that may be lost, such as a typing indicator: when the outbox is more than half full
     * it is dropped at once, so a slow client loses these before anything that matters. False only when
     * the outbox has given up, as for {@link #offer}.
     */
    public boolean offerEphemeral(String frame) {
        synchronized (this) {
            if (state == State.OVERFLOWED || state == State.FAILED) {
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
            if ((state == State.CLOSING || state == State.FAILED) && unansweredPingSince == 0) {
                unansweredPingSince = clockMillis.getAsLong();
            }
        }
        return add(PING);
    }

    /** Closes the connection once the frames queued so far are sent; nothing offered later is sent. */
    public void offerClose(int code, String reason) {
        synchronized (this) {
            if (state != State.OPEN) {
                return;
            }
            state = State.CLOSING;
            queue.add(new Close(code, reason));
            if (!startPumping()) {
                return;
            }
        }
        pump();
    }

    public synchronized boolean overflowed() {
        return state == State.OVERFLOWED;
    }

    public synchronized int queued() {
        return queue.size();
    }

    /** Characters of frames waiting to be handed to the container. */
    public synchronized long queuedChars() {
        return queuedChars;
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

    // Runs while this outbox owns the send slot (flight PUMPING).
    private void pump() {
        while (true) {
            Item item;
            List<String> batch = null;
            synchronized (this) {
                boolean gaveUp = state == State.OVERFLOWED || state == State.FAILED;
                item = gaveUp ? null : queue.poll();
                if (item == null) {
                    flight = Flight.IDLE;
                    return;
                }
                queuedChars -= item instanceof Close ? 0 : chars(item);
                if (item instanceof Text first) {
                    batch = textFrames(first);
                }
                long now = clockMillis.getAsLong();
                sendingSince = now;
                if (item instanceof Ping && unansweredPingSince == 0) {
                    unansweredPingSince = now;
                }
            }
            if (item instanceof Close close) {
                sink.close(close.code(), close.reason());
                synchronized (this) {
                    flight = Flight.IDLE;
                    sendingSince = 0;
                }
                return;
            }
            try {
                if (batch == null) {
                    sink.ping(this::sent);
                } else {
                    sink.send(batch, this::sent);
                }
            } catch (RuntimeException transportGone) {
                // a sink should report failures through the callback; one that throws must not wedge the outbox
                sent(transportGone);
            }
            synchronized (this) {
                if (flight != Flight.COMPLETED_INSIDE) {
                    flight = Flight.AWAITING;
                    return;
                }
                flight = Flight.PUMPING;
            }
        }
    }

    // The first text frame and those right behind it, up to the batch limit; a ping or the close waits its turn.
    private List<String> textFrames(Text first) {
        List<String> batch = new ArrayList<>(Math.min(batchLimit, queue.size() + 1));
        batch.add(first.frame());
        while (batch.size() < batchLimit && queue.peek() instanceof Text next) {
            queue.poll();
            queuedChars -= next.frame().length();
            batch.add(next.frame());
        }
        return batch;
    }

    private void sent(Throwable failure) {
        synchronized (this) {
            sendingSince = 0;
            if (failure != null) {
                state = State.FAILED;
                queue.clear();
                queuedChars = 0;
            }
            if (flight == Flight.PUMPING) {
                flight = Flight.COMPLETED_INSIDE;
                return;
            }
            flight = Flight.PUMPING;
        }
        pump();
    }
}
