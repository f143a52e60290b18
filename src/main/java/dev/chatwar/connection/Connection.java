package dev.chatwar.connection;

import dev.chatwar.base.RoomName;
import dev.chatwar.base.UserName;
import dev.chatwar.identity.AuthSession;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/** One WebSocket connection of a signed-in user: its session, its outbox and the rooms it has joined. */
public final class Connection {

    private static final AtomicLong NEXT_ID = new AtomicLong();

    private final String id;
    private final AuthSession session;
    private final String address;
    private final Outbox outbox;
    private final FrameSink sink;
    private final LongSupplier clockMillis;
    private volatile long heardAt;
    private final Set<RoomName> rooms = ConcurrentHashMap.newKeySet();
    private final Map<RoomName, Long> lastTyping = new ConcurrentHashMap<>();
    private volatile boolean open = true;

    public Connection(AuthSession session, String address, FrameSink sink, long outboxCapacityChars,
                      LongSupplier clockMillis) {
        this.id = "c" + NEXT_ID.incrementAndGet();
        this.session = session;
        this.address = address;
        this.sink = sink;
        this.clockMillis = clockMillis;
        this.heardAt = clockMillis.getAsLong();
        this.outbox = new Outbox(sink, outboxCapacityChars, clockMillis);
    }

    public String id() {
        return id;
    }

    public UserName user() {
        return session.user();
    }

    public AuthSession session() {
        return session;
    }

    /** The IP address the connection came from. */
    public String address() {
        return address;
    }

    /** Queues a frame; false means this connection can take no more and must be dropped. */
    public boolean send(String frame) {
        return open && outbox.offer(frame);
    }

    /** Queues a frame that may be dropped under pressure; false means this connection must be dropped. */
    public boolean sendEphemeral(String frame) {
        return open && outbox.offerEphemeral(frame);
    }

    /** Whether a typing indicator in the room may go out at this time: one per interval and room at most. */
    public boolean mayAnnounceTyping(RoomName room, long nowMillis, long intervalMillis) {
        boolean[] allowed = {false};
        lastTyping.compute(room, (name, last) -> {
            allowed[0] = last == null || nowMillis - last >= intervalMillis;
            return allowed[0] ? nowMillis : last;
        });
        return allowed[0];
    }

    /** The peer sent something: a frame or a pong. */
    public void heard() {
        heardAt = clockMillis.getAsLong();
        outbox.answered();
    }

    /**
     * Why the peer counts as gone, if it has kept this connection waiting for longer than the limit: it sent
     * nothing for that long although a ping written to it has been out for at least {@code answerWindowMillis},
     * or it has not taken a frame in flight for that long. A ping still queued behind other frames, or written
     * too recently to be answered, does not count, so a busy server does not blame its peers.
     */
    public Optional<String> unresponsive(long maxSilenceMillis, long answerWindowMillis, long nowMillis) {
        long pingSince = outbox.unansweredPingSince();
        if (pingSince != 0 && nowMillis - pingSince >= answerWindowMillis
                && waitedTooLong(heardAt, maxSilenceMillis, nowMillis)) {
            return Optional.of("no answer to pings");
        }
        if (waitedTooLong(outbox.sendingSince(), maxSilenceMillis, nowMillis)) {
            return Optional.of("frames not taken");
        }
        return Optional.empty();
    }

    private static boolean waitedTooLong(long sinceMillis, long maxMillis, long nowMillis) {
        return sinceMillis != 0 && nowMillis - sinceMillis > maxMillis;
    }

    /** Queues a ping; false means this connection can take no more and must be dropped. */
    public boolean ping() {
        return open && outbox.offerPing();
    }

    public boolean overflowed() {
        return outbox.overflowed();
    }

    public boolean isOpen() {
        return open;
    }

    private int serverCloseCode;

    /** Marks the connection closed; true only for the first caller. */
    public synchronized boolean markClosed() {
        boolean wasOpen = open;
        open = false;
        return wasOpen;
    }

    /** Closes the connection at once: frames still queued are lost. */
    public void close(int code, String reason) {
        decided(code);
        sink.close(code, reason);
    }

    /** Closes the connection after the frames queued so far, such as the replies to its last requests. */
    public void closeAfterPending(int code, String reason) {
        decided(code);
        outbox.offerClose(code, reason);
    }

    /** The close code the server decided on for this connection, 0 if it did not close it (yet). */
    public synchronized int closedByServerWith() {
        return serverCloseCode;
    }

    private synchronized void decided(int code) {
        if (serverCloseCode == 0) {
            serverCloseCode = code;
        }
    }

    public Set<RoomName> rooms() {
        return rooms;
    }

    /** Characters of frames queued for the peer and not yet handed to the container. */
    public long queuedChars() {
        return outbox.queuedChars();
    }

    @Override
    public String toString() {
        return id + "(" + session.user() + ")";
    }
}
