package dev.chatwar.support;

import dev.chatwar.connection.FrameSink;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;

/**
 * A transport that records what was sent; it completes sends at once, or holds them until told. A send of
 * several frames (a batch) counts as one send.
 */
public final class RecordingSink implements FrameSink {

    /** What {@link #sent()} shows for a ping. */
    public static final String PING = "(ping)";

    private final List<String> sent = new ArrayList<>();
    private final List<Integer> batchSizes = new ArrayList<>();
    private final Deque<Consumer<Throwable>> pending = new ArrayDeque<>();
    private boolean holding;
    private int closeCode;
    private int sendsInFlight;
    private int maxSendsInFlight;
    private int batchLimit = 1;

    public static RecordingSink holding() {
        RecordingSink sink = new RecordingSink();
        sink.holding = true;
        return sink;
    }

    /** Lets this sink take up to {@code limit} frames in one send. */
    public RecordingSink batching(int limit) {
        batchLimit = limit;
        return this;
    }

    @Override
    public synchronized int batchLimit() {
        return batchLimit;
    }

    @Override
    public void send(List<String> frames, Consumer<Throwable> done) {
        if (frames.isEmpty() || frames.size() > batchLimit) {
            throw new AssertionError("a send of " + frames.size() + " frames, the limit being " + batchLimit);
        }
        synchronized (this) {
            batchSizes.add(frames.size());
        }
        record(frames, done);
    }

    private void record(List<String> frames, Consumer<Throwable> done) {
        synchronized (this) {
            sent.addAll(frames);
            sendsInFlight++;
            maxSendsInFlight = Math.max(maxSendsInFlight, sendsInFlight);
            if (holding) {
                pending.add(done);
                return;
            }
            sendsInFlight--;
        }
        done.accept(null);
    }

    @Override
    public void ping(Consumer<Throwable> done) {
        record(List.of(PING), done);
    }

    /** Completes the oldest held send. */
    public void complete(Throwable failure) {
        Consumer<Throwable> done;
        synchronized (this) {
            done = pending.poll();
            sendsInFlight--;
        }
        done.accept(failure);
    }

    /** Stops holding and completes every held send, and the ones they start, inside send(). */
    public void release() {
        synchronized (this) {
            holding = false;
        }
        while (true) {
            synchronized (this) {
                if (pending.isEmpty()) {
                    return;
                }
            }
            complete(null);
        }
    }

    @Override
    public synchronized void close(int code, String reason) {
        closeCode = code;
    }

    public synchronized List<String> sent() {
        return List.copyOf(sent);
    }

    public synchronized List<JsonObject> frames() {
        return sent.stream().filter(frame -> !frame.equals(PING)).map(RecordingSink::parse).toList();
    }

    public List<JsonObject> framesOfType(String type) {
        return frames().stream().filter(frame -> frame.getString("type").equals(type)).toList();
    }

    /** How many text frames each send carried, in order; pings are not sends of text. */
    public synchronized List<Integer> batchSizes() {
        return List.copyOf(batchSizes);
    }

    public synchronized int closeCode() {
        return closeCode;
    }

    public synchronized int maxSendsInFlight() {
        return maxSendsInFlight;
    }

    private static JsonObject parse(String frame) {
        try (var reader = Json.createReader(new StringReader(frame))) {
            return reader.readObject();
        }
    }
}
