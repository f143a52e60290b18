package dev.chatwar.chat;

import dev.chatwar.connection.FrameSink;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;

/** A {@link FrameSink} on a Jakarta WebSocket session, using only the portable async API. */
final class SessionSink implements FrameSink {

    private final Session session;
    private final Executor closer;

    SessionSink(Session session, Executor closer) {
        this.session = session;
        this.closer = closer;
    }

    @Override
    public void send(String frame, Consumer<Throwable> done) {
        try {
            session.getAsyncRemote().sendText(frame, result -> done.accept(result.isOK() ? null : result.getException()));
        } catch (RuntimeException closedMeanwhile) {
            done.accept(closedMeanwhile);
        }
    }

    @Override
    public void ping(Consumer<Throwable> done) {
        try {
            session.getAsyncRemote().sendPing(ByteBuffer.allocate(0));
            done.accept(null);
        } catch (IOException | RuntimeException failed) {
            done.accept(failed);
        }
    }

    @Override
    public void close(int code, String reason) {
        Runnable close = () -> {
            try {
                if (session.isOpen()) {
                    session.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(code), reason));
                }
            } catch (IOException | IllegalStateException alreadyClosing) {
                // the peer or the container closed it first: nothing is left to do
            }
        };
        try {
            closer.execute(close);
        } catch (RejectedExecutionException shuttingDown) {
            close.run();
        }
    }
}
