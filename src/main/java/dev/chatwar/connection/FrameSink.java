package dev.chatwar.connection;

import java.util.function.Consumer;

/** The transport under a connection: a WebSocket session in production, a recorder in unit tests. */
public interface FrameSink {

    /** Starts sending one text frame without blocking; {@code done} is called once, with null on success. */
    void send(String frame, Consumer<Throwable> done);

    /** Sends a ping frame (the peer answers with a pong); {@code done} is called once, with null on success. */
    void ping(Consumer<Throwable> done);

    /** Closes the transport with a close code, without blocking the caller. */
    void close(int code, String reason);
}
