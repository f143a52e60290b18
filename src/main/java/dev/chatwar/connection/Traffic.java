package dev.chatwar.connection;

import dev.chatwar.base.ErrorCode;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * What crossed this node's WebSocket boundary since it started: frames in and out, messages delivered,
 * handshakes let through and refused (by reason), and frames refused or closed for their rate.
 */
public final class Traffic {

    private static final String MESSAGE_PREFIX = "{\"type\":\"message\"";

    private final LongAdder framesIn = new LongAdder();
    private final LongAdder framesOut = new LongAdder();
    private final LongAdder deliveries = new LongAdder();
    private final LongAdder handshakesAccepted = new LongAdder();
    private final Map<ErrorCode, LongAdder> handshakesRefused = new EnumMap<>(ErrorCode.class);
    private final LongAdder rateRefused = new LongAdder();
    private final LongAdder rateClosed = new LongAdder();

    public Traffic() {
        for (ErrorCode code : ErrorCode.values()) {
            handshakesRefused.put(code, new LongAdder()); // all made here: the map is only read after
        }
    }

    public void received() {
        framesIn.increment();
    }

    /** Frames handed to the container for one connection; message events among them count as deliveries. */
    public void sent(Iterable<String> frames) {
        int count = 0;
        int messages = 0;
        for (String frame : frames) {
            count++;
            if (frame.startsWith(MESSAGE_PREFIX)) {
                messages++;
            }
        }
        framesOut.add(count);
        deliveries.add(messages);
    }

    public void handshakeAccepted() {
        handshakesAccepted.increment();
    }

    public void handshakeRefused(ErrorCode reason) {
        handshakesRefused.get(reason).increment();
    }

    /** A frame over the rate limit: answered {@code rate_limited}, or the connection closed for it. */
    public void overRate(boolean closed) {
        (closed ? rateClosed : rateRefused).increment();
    }

    public long framesIn() {
        return framesIn.sum();
    }

    public long framesOut() {
        return framesOut.sum();
    }

    public long deliveries() {
        return deliveries.sum();
    }

    public long handshakesAccepted() {
        return handshakesAccepted.sum();
    }

    public long handshakesRefused(ErrorCode reason) {
        return handshakesRefused.get(reason).sum();
    }

    public long rateRefused() {
        return rateRefused.sum();
    }

    public long rateClosed() {
        return rateClosed.sum();
    }
}
