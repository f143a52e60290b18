package dev.chatwar.connection;

import java.util.List;
import java.util.function.Consumer;

/** The transport under a connection: a WebSocket session in production, a recorder in unit tests. */
public interface FrameSink {

    /**
     * Starts sending text frames, in order, without blocking; {@code done} is called once: with null when all
     * are sent, or with the failure. Never given more frames than {@link #batchLimit()}.
     */
    void send(List<String> frames, Consumer<Throwable> done);

    /** How many text frames one {@link #send} may carry; 1 when the transport cannot write several at once. */
    default int batchLimit() {
        return 1;
    }

    /** Sends a ping frame (the peer answers with a pong); {@code done} is called once, with null on success. */
    void ping(Consumer<Throwable> done);

    /** Closes the transport with a close code, without blocking the caller. */
    void close(int code, String reason);
}
