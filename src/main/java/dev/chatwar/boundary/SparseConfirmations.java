package dev.chatwar.boundary;

import jakarta.websocket.SendHandler;
import jakarta.websocket.Session;
import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.function.Consumer;

/**
 * Sends on a Tyrus session with few idle-timeout tasks. Tyrus schedules one on the server's managed scheduled
 * executor for every frame sent through a remote endpoint's send methods (on Payara: a context capture, a
 * queued task and a thread woken, per frame), but none for a frame written through the basic remote's
 * {@link Writer}. That path reports nothing back, though, and the outbox must learn that the connection keeps
 * up. So most frames go through a writer, and a frame goes through the async remote, with a completion, once
 * {@link #FRAMES} frames or {@link #CHARS} characters would otherwise be unconfirmed. Tyrus writes one
 * connection's frames in the order given, so that completion confirms every frame before it; the outbox sends
 * nothing more until it arrives. What a stalled reader can hold in Tyrus's own queue is therefore bounded too.
 *
 * <p>Used by one outbox, which makes one {@link #send} at a time: the counters need no lock of their own.
 */
final class SparseConfirmations {

    static final int FRAMES = 16;
    static final int CHARS = 64 * 1024;

    private final Session session;
    private int unconfirmedFrames;
    private long unconfirmedChars;

    SparseConfirmations(Session session) {
        this.session = session;
    }

    /** Whether Tyrus sessions get these sends; {@code -Dchat.tyrus.sparse-confirmations=false} turns them off. */
    static boolean enabled() {
        return !"false".equals(System.getProperty("chat.tyrus.sparse-confirmations"));
    }

    void send(List<String> frames, Consumer<Throwable> done) {
        try {
            boolean confirm = mustConfirm(frames);
            int last = frames.size() - 1;
            for (int i = 0; i < last; i++) {
                write(frames.get(i));
            }
            if (confirm) {
                unconfirmedFrames = 0;
                unconfirmedChars = 0;
                session.getAsyncRemote().sendText(frames.get(last), confirmation(done));
            } else {
                write(frames.get(last));
                done.accept(null);
            }
        } catch (IOException | RuntimeException closedMeanwhile) {
            done.accept(closedMeanwhile);
        }
    }

    // Unconfirmed before a send stay under both limits; one batch on top is what the outbox has in flight anyway.
    private boolean mustConfirm(List<String> frames) {
        long chars = unconfirmedChars;
        for (String frame : frames) {
            chars += frame.length();
        }
        return unconfirmedFrames + frames.size() >= FRAMES || chars > CHARS;
    }

    private static SendHandler confirmation(Consumer<Throwable> done) {
        return result -> done.accept(result.isOK() ? null : result.getException());
    }

    // One whole text frame: the writer sends what it holds as the final fragment when it is closed.
    private void write(String frame) throws IOException {
        Writer writer = session.getBasicRemote().getSendWriter();
        writer.write(frame.toCharArray());
        writer.close();
        unconfirmedFrames++;
        unconfirmedChars += frame.length();
    }
}
