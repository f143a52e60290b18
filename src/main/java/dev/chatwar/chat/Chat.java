package dev.chatwar.chat;

import dev.chatwar.base.ChatException;
import dev.chatwar.history.StoreWriter;
import dev.chatwar.base.ErrorCode;
import dev.chatwar.base.RoomName;
import dev.chatwar.base.Timings;
import dev.chatwar.base.UserName;
import dev.chatwar.cluster.Cluster;
import dev.chatwar.cluster.ClusterMessage;
import dev.chatwar.connection.Connection;
import dev.chatwar.connection.Connections;
import dev.chatwar.connection.FrameSink;
import dev.chatwar.history.EventStore;
import dev.chatwar.history.RoomEvent;
import dev.chatwar.identity.AuthSession;
import dev.chatwar.moderation.Moderation;
import dev.chatwar.protocol.Frames;
import dev.chatwar.protocol.Request;
import dev.chatwar.room.RoomAccess;
import dev.chatwar.room.Rooms;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/** The chat's rules, free of any container: connections come and go, requests are answered, events fan out. */
public final class Chat {

    private static final Logger LOG = Logger.getLogger(Chat.class.getName());
    /** A connection announces typing in a room at most this often; more often is dropped silently. */
    public static final long TYPING_INTERVAL_MILLIS = 2000;
    /** Rooms one connection may be in at once, the lobby included. */
    public static final int MAX_ROOMS_PER_CONNECTION = 100;

    private final EventStore store;
    private final RoomAccess access;
    private final Clock clock;
    private final long outboxCapacityChars;
    private final Frames frames = new Frames();
    private final Connections connections = new Connections();
    private final Rooms rooms;
    private final Cluster cluster;
    private final ClusterRelay relay;
    private final RoomEvents events;
    private final Requests requests;
    private final Departures departures;
    private final Activity activity;
    private final Queries queries;
    private final StoreWriter writer;
    private final Moderation moderation;
    private final Messages messages;
    private volatile Consumer<String> sessionEnded = sessionId -> { };

    /** Where the chat's own work runs: the store's writer (one thread is enough) and the rooms' deliveries. */
    public record Workers(Executor storeWriter, Executor fanOut) {
        /** Everything on the caller's thread, as unit tests want it. */
        public static final Workers CALLER = new Workers(Runnable::run, Runnable::run);
    }

    /** A chat on a server on its own, doing all its work on the caller's thread. */
    public Chat(EventStore store, RoomAccess access, Clock clock, long outboxCapacityChars) {
        this(store, access, clock, outboxCapacityChars, Cluster.ALONE, 0, Workers.CALLER);
    }

    /**
     * A chat on one node of several that share the store; {@code cluster} reaches the others, and a node
     * silent for longer than {@code peerTimeoutMillis} is taken for dead.
     */
    public Chat(EventStore store, RoomAccess access, Clock clock, long outboxCapacityChars, Cluster cluster,
                long peerTimeoutMillis, Workers workers) {
        this.store = store;
        this.access = access;
        this.clock = clock;
        this.outboxCapacityChars = outboxCapacityChars;
        this.cluster = cluster;
        this.relay = new ClusterRelay(this, cluster, peerTimeoutMillis, clock);
        this.rooms = new Rooms(store::lastSeq, frames, relay, workers.fanOut());
        this.activity = new Activity(access, this::drop, clock::millis);
        this.departures = new Departures(connections, rooms, clock, activity::offline);
        this.writer = new StoreWriter(store, workers.storeWriter(), RoomEvents.WRITER_CAPACITY);
        this.moderation = new Moderation(store, access.serverModerators(), clock);
        Memberships memberships = new Memberships(access, rooms, activity, cluster, frames, moderation, this::drop,
                this::now);
        this.events = new RoomEvents(store, writer, rooms, cluster, this::drop, moderation::seen, event -> {
            activity.stored(event);
            if (event.endsMembership()) {
                memberships.removed(event);
            }
        });
        MessageChanges changes = new MessageChanges(store, access, events, moderation, this::now);
        this.messages = new Messages(access, moderation, events, this::now);
        ConversationList conversations = new ConversationList(store, access);
        this.queries = new Queries(store, access, rooms, conversations, moderation);
        this.relay.relayFor(rooms, events, memberships);
        this.requests = new Requests(this, store, access, rooms, events, changes,
                new Joins(store, access, moderation, events, this::now), memberships,
                new Moderating(access, moderation, events), conversations, activity, cluster, clock, frames);
    }

    /**
     * Registers a new connection, greets it and joins it to the lobby, resuming after {@code lobbyAfter}
     * when the client names the last lobby seq it saw.
     */
    public Connection open(AuthSession session, String address, FrameSink sink, Long lobbyAfter) {
        Connection connection = register(session, address, 0, sink);
        joinLobby(connection, lobbyAfter);
        return connection;
    }

    /**
     * Registers a new connection, ending the reservation its handshake held (0 for none), and greets it: from now
     * on its pongs count, whatever the lobby's join costs.
     */
    public Connection register(AuthSession session, String address, long reservation, FrameSink sink) {
        Connection connection = new Connection(session, address, sink, outboxCapacityChars, clock::millis);
        connections.add(connection, reservation);
        connection.send(frames.welcome(session.user(), connection.id()));
        return connection;
    }

    /**
     * Joins a registered connection to the lobby, as its first request; then the connection hears of new messages
     * in the user's other rooms.
     */
    public void joinLobby(Connection connection, Long lobbyAfter) {
        try {
            requests.join(connection, RoomName.LOBBY, lobbyAfter, false, false, null);
        } catch (ChatException refused) { // banned from the lobby, say
            connection.send(frames.error(refused));
        } catch (RuntimeException failure) {
            LOG.log(Level.WARNING, "could not join " + connection + " to the lobby", failure);
            connection.send(frames.error(new ChatException(ErrorCode.SERVER_ERROR,
                    "could not join the lobby; join it again", null)));
        }
        try {
            activity.online(connection);
        } catch (RuntimeException failure) {
            LOG.log(Level.WARNING, "could not read the rooms of " + connection.user(), failure);
        }
    }

    /**
     * Answers one text frame of a connection. A bad request gets an error frame; the connection stays. The
     * future completes once the reply is queued: a message is answered after it is stored and pushed, and the
     * connection's next request waits for that, without holding a thread.
     */
    public CompletableFuture<?> receive(Connection connection, String frame) {
        return requests.receive(connection, frame);
    }

    /** Refuses a frame that came faster than the rate limits allow; it is not acted on. */
    public void refuseRate(Connection connection, String frame) {
        requests.refuseRate(connection, frame);
    }

    /** Acts on what another node said. Messages of all nodes are handled one at a time, in arrival order. */
    public void fromPeer(String node, ClusterMessage message) {
        relay.fromPeer(node, message);
    }

    /**
     * Tells the other nodes this one is alive, and forgets those silent too long: their users are no longer
     * present, and events they stored but may not have announced are read from the store.
     */
    public void heartbeat() {
        relay.heartbeat();
    }

    /** The other nodes this one heard from lately. */
    public int peerCount() {
        return relay.peerCount();
    }

    /**
     * Stores a message in its room, then pushes it to the room's connections; completes when it is pushed. A
     * send whose clientId the author used before stores and pushes nothing: it completes with the earlier
     * message, as a duplicate. The author need not have joined the room, but must be let in.
     */
    public CompletableFuture<Published> publish(UserName author, Request.Send send) {
        return messages.fromAnyone(author, send);
    }

    // from a connection that joined the room
    CompletableFuture<Published> send(UserName author, Request.Send send) {
        return messages.fromMember(author, send);
    }

    /** Who gets the events this node stores, each commit's in id order, once committed. */
    public void whenStored(Consumer<List<RoomEvent>> committed) {
        writer.whenCommitted(committed);
    }

    /** Where the store's commit times and the lag of other nodes' messages go from now on. */
    public void reportTo(Timings timings) {
        writer.reportTo(timings);
        relay.reportTo(timings);
    }

    /** The container saw the connection close, cleanly or not. */
    public void closed(Connection connection, int closeCode) {
        departures.end(connection, closeCode);
    }

    /** The connection's peer sent a frame or answered a ping. */
    public void heard(Connection connection) {
        connection.heard();
    }

    /** Closes with 1001 the connections whose peer went silent or stopped taking frames: see {@link Departures}. */
    public void closeSilent(long maxSilenceMillis) {
        departures.closeSilent(maxSilenceMillis);
    }

    /** Pings every connection: a live peer answers, which keeps the container's read timeout from firing. */
    public void pingAll() {
        departures.pingAll();
    }

    /** Closes the connections of a session that was signed out, with 4401, on every node. */
    public void endSession(String sessionId, String reason) {
        cluster.tell(new ClusterMessage.SessionEnded(sessionId));
        departures.closeSession(sessionId, reason);
    }

    // another node said the session ended
    void closeSession(String sessionId, String reason) {
        sessionEnded.accept(sessionId);
        departures.closeSession(sessionId, reason);
    }

    /** Tells {@code listener} of each session that another node says has ended. */
    public void whenSessionEndsElsewhere(Consumer<String> listener) {
        this.sessionEnded = listener;
    }

    /** Sends the activity events held back for a second or more; call it every second. */
    public void flushActivity() {
        activity.flush();
    }

    /** Closes the connections whose session has expired, with 4401. */
    public void expireSessions() {
        departures.expireSessions();
    }

    /** Closes every connection with 1001, as the application goes away. */
    public void shutdown() {
        departures.shutdown();
    }

    /** What a user may read without a connection. */
    public Queries queries() {
        return queries;
    }

    public Connections connections() {
        return connections;
    }

    public int roomCount() {
        return rooms.count();
    }

    public long roomLoads() {
        return rooms.loads();
    }

    /** Drops from memory the rooms idle since the call before, and the store's caches of them; returns how many. */
    public int evictIdleRooms() {
        return rooms.evictIdle(store::forget);
    }

    public StoreWriter.Stats storeStats() {
        return events.storeStats();
    }

    void tellInvited(RoomName room, UserName invited, UserName by) {
        activity.member(room, invited, true);
        String invitation = frames.invitation(room, by);
        drop(connections.of(invited).stream().filter(connection -> !connection.send(invitation))
                .collect(Collectors.toSet()));
    }

    // connections a room removed because their outbox refused a frame
    void drop(Set<Connection> dropped) {
        departures.drop(dropped);
    }

    Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
