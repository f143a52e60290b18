package dev.chatwar.boundary;

import dev.chatwar.connection.FrameSink;
import dev.chatwar.connection.Traffic;
import jakarta.websocket.CloseReason;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A {@link FrameSink} on a Jakarta WebSocket session, using only the portable async API. Where the container
 * supports batching (Undertow does, Tyrus does not), several frames are handed over with batching allowed and
 * then flushed, so they leave in one write instead of one each.
 *
 * <p>On Tyrus every send schedules an idle-timeout task on the server's managed scheduled executor, and Payara
 * captures the sending thread's context for each task with a {@link java.util.ServiceLoader} lookup through its
 * context class loader: a scan of every jar that loader sees, per frame. Frames are therefore handed to Tyrus
 * with a context class loader that sees no service files; nothing Tyrus does with a text frame loads classes.
 * And most of them go through {@link SparseConfirmations}, which schedules no such task.
 */
final class SessionSink implements FrameSink {

    // Undertow writes a batch with one gathering write of three buffers a frame; the kernel takes up to 1024.
    private static final int BATCH_LIMIT = 64;

    private final Session session;
    private final Executor closer;
    private final int batchLimit;
    private final ClassLoader sendingLoader;
    private final SparseConfirmations sparse;
    private final Traffic traffic;

    SessionSink(Session session, Executor closer, Traffic traffic) {
        this.session = session;
        this.traffic = traffic;
        this.closer = closer;
        this.sendingLoader = SendingLoader.forSession(session);
        boolean tyrus = isTyrus(session.getClass().getName());
        this.sparse = tyrus && SparseConfirmations.enabled() ? new SparseConfirmations(session) : null;
        this.batchLimit = sparse != null ? SparseConfirmations.FRAMES : batchingWorks(session) ? BATCH_LIMIT : 1;
    }

    @Override
    public int batchLimit() {
        return batchLimit;
    }

    @Override
    public void send(List<String> frames, Consumer<Throwable> done) {
        traffic.sent(frames);
        ClassLoader own = useSendingLoader();
        try {
            if (sparse != null) {
                sparse.send(frames, done);
            } else {
                hand(frames, done);
            }
        } finally {
            restore(own);
        }
    }

    /** Puts the sending loader on this thread, if this container needs one; the thread's own, to restore. */
    private ClassLoader useSendingLoader() {
        if (sendingLoader == null) {
            return null;
        }
        Thread thread = Thread.currentThread();
        ClassLoader own = thread.getContextClassLoader();
        thread.setContextClassLoader(sendingLoader);
        return own;
    }

    private void restore(ClassLoader own) {
        if (sendingLoader != null) {
            Thread.currentThread().setContextClassLoader(own);
        }
    }

    private void hand(List<String> frames, Consumer<Throwable> done) {
        AllSent allSent = new AllSent(frames.size(), done);
        RemoteEndpoint.Async remote;
        try {
            remote = session.getAsyncRemote(); // Tyrus throws here once the session is closed
        } catch (RuntimeException closedMeanwhile) {
            allSent.fail(closedMeanwhile);
            return;
        }
        if (frames.size() == 1) {
            try {
                remote.sendText(frames.get(0), allSent);
            } catch (RuntimeException closedMeanwhile) {
                allSent.fail(closedMeanwhile);
            }
            return;
        }
        try {
            remote.setBatchingAllowed(true);
            for (String frame : frames) {
                remote.sendText(frame, allSent);
            }
        } catch (IOException | RuntimeException closedMeanwhile) {
            allSent.fail(closedMeanwhile);
        } finally {
            // Batching is off again before the flush, so that a frame the container queues meanwhile on its own
            // (a pong, the echo of a close) is flushed by ours or by itself, never left waiting for a flush.
            try {
                remote.setBatchingAllowed(false);
                remote.flushBatch();
            } catch (IOException | RuntimeException closedMeanwhile) {
                allSent.fail(closedMeanwhile);
            }
        }
    }

    @Override
    public void ping(Consumer<Throwable> done) {
        ClassLoader own = useSendingLoader();
        Throwable failure = null;
        try {
            session.getAsyncRemote().sendPing(ByteBuffer.allocate(0));
        } catch (IOException | RuntimeException failed) {
            failure = failed;
        } finally {
            restore(own);
        }
        done.accept(failure);
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

    static boolean isTyrus(String sessionClass) {
        return sessionClass.startsWith("org.glassfish.tyrus.");
    }

    private static boolean batchingWorks(Session session) {
        try {
            RemoteEndpoint.Async remote = session.getAsyncRemote();
            remote.setBatchingAllowed(true);
            boolean works = remote.getBatchingAllowed();
            remote.setBatchingAllowed(false);
            remote.flushBatch();
            return works;
        } catch (IOException | RuntimeException notSupported) {
            return false;
        }
    }

    /** Reports a batch to the outbox once: when its last frame is sent, or at its first failure. */
    private static final class AllSent implements SendHandler {

        private final AtomicInteger unsent;
        private final AtomicBoolean reported = new AtomicBoolean();
        private final Consumer<Throwable> done;

        AllSent(int frames, Consumer<Throwable> done) {
            this.unsent = new AtomicInteger(frames);
            this.done = done;
        }

        @Override
        public void onResult(SendResult result) {
            if (!result.isOK()) {
                fail(result.getException());
            } else if (unsent.decrementAndGet() == 0 && reported.compareAndSet(false, true)) {
                done.accept(null);
            }
        }

        void fail(Throwable failure) {
            if (reported.compareAndSet(false, true)) {
                done.accept(failure);
            }
        }
    }
}
