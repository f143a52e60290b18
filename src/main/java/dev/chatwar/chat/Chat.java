package dev.chatwar.chat;

import dev.chatwar.base.ChatException;
import dev.chatwar.base.ErrorCode;
import dev.chatwar.base.MessageText;
import dev.chatwar.base.RoomName;
import dev.chatwar.base.UserName;
import dev.chatwar.cluster.Cluster;
import dev.chatwar.cluster.ClusterMessage;
import dev.chatwar.cluster.NodeRoster;
import dev.chatwar.connection.Connection;
import dev.chatwar.connection.Connections;
import dev.chatwar.connection.FrameSink;
import dev.chatwar.history.EventStore;
import dev.chatwar.history.HistoryQuery;
import dev.chatwar.history.RoomEvent;
import dev.chatwar.identity.AuthSession;
import dev.chatwar.protocol.CloseCodes;
import dev.chatwar.protocol.Frames;
import dev.chatwar.protocol.Request;
import dev.chatwar.protocol.RequestParser;
import dev.chatwar.room.Room;
import dev.chatwar.room.RoomAccess;
import dev.chatwar.room.Rooms;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.function.LongFunction;
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
    private final RequestParser parser = new RequestParser();
    private final Connections connections = new Connections();
    private final Rooms rooms;
    private final Cluster cluster;
    private final NodeRoster peers;

    /** A chat on a server on its own. */
    public Chat(EventStore store, RoomAccess access, Clock clock, long outboxCapacityChars) {
        this(store, access, clock, outboxCapacityChars, Cluster.ALONE, 0);
    }

    /**
     * A chat on one node of several that share the store; {@code cluster} reaches the others, and a node
     * silent for longer than {@code peerTimeoutMillis} is taken for dead.
     */
    public Chat(EventStore store, RoomAccess access, Clock clock, long outboxCapacityChars, Cluster cluster,
                long peerTimeoutMillis) {
        this.store = store;
        this.access = access;
        this.clock = clock;
        this.outboxCapacityChars = outboxCapacityChars;
        this.cluster = cluster;
        this.peers = new NodeRoster(peerTimeoutMillis);
        this.rooms = new Rooms(store::lastSeq, frames, new Room.Relay() {
            @Override
            public void presence(RoomName room, UserName user, boolean present) {
                cluster.tell(new ClusterMessage.Presence(room, user, present));
            }

            @Override
            public void typing(RoomName room, UserName user) {
                cluster.tell(new ClusterMessage.Typing(room, user));
            }

            @Override
            public void receipt(RoomName room, UserName user, long seq) {
                cluster.tell(new ClusterMessage.Receipt(room, user, seq));
            }
        });
    }

    /**
     * Registers a new connection, greets it and joins it to the lobby, resuming after {@code lobbyAfter}
     * when the client names the last lobby seq it saw.
     */
    public Connection open(AuthSession session, String address, FrameSink sink, Long lobbyAfter) {
        Connection connection = new Connection(session, address, sink, outboxCapacityChars, clock::millis);
        connections.add(connection);
        connection.send(frames.welcome(session.user(), connection.id()));
        try {
            join(connection, RoomName.LOBBY, lobbyAfter, false, false, null);
        } catch (RuntimeException failure) {
            LOG.log(Level.WARNING, "could not join " + connection + " to the lobby", failure);
            connection.send(frames.error(new ChatException(ErrorCode.SERVER_ERROR,
                    "could not join the lobby; join it again", null)));
        }
        return connection;
    }

    /** Answers one text frame of a connection. A bad request gets an error frame; the connection stays. */
    public void receive(Connection connection, String frame) {
        if (!connection.isOpen()) {
            return; // dropped (too slow, say) while this frame waited: the server no longer acts for it
        }
        Request request = null;
        try {
            request = parser.parse(frame);
            if (request instanceof Request.Join join) {
                join(connection, join.room(), join.after(), join.receipts(), join.makePrivate(), join.ref());
            } else if (request instanceof Request.Invite invite) {
                invite(connection, invite);
            } else if (request instanceof Request.Leave leave) {
                leave(connection, leave.room(), leave.ref());
            } else if (request instanceof Request.Send send) {
                send(connection, send);
            } else if (request instanceof Request.Typing typing) {
                if (connection.mayAnnounceTyping(typing.room(), clock.millis(), TYPING_INTERVAL_MILLIS)) {
                    drop(rooms.get(typing.room()).typing(connection));
                }
            } else if (request instanceof Request.Read read) {
                drop(rooms.get(read.room()).read(connection, read.seq(), read.ref(),
                        seq -> store.markRead(connection.user(), read.room(), seq)));
            } else if (request instanceof Request.History history) {
                access.requireEntry(connection.user(), history.room());
                connection.send(frames.history(history.room(), history.ref(),
                        store.page(history.room(), history.query()), connection.user()));
            } else if (request instanceof Request.Edit edit) {
                connection.send(frames.ack(edit.ref(), edit(connection.user(), edit.messageId(), edit.text()), false));
            } else if (request instanceof Request.Retract retract) {
                connection.send(frames.ack(retract.ref(), retract(connection.user(), retract.messageId()), false));
            }
        } catch (ChatException refused) {
            String ref = request == null ? refused.ref() : request.ref();
            connection.send(frames.error(refused.withRef(ref)));
        } catch (RuntimeException failure) {
            LOG.log(Level.WARNING, "request of " + connection + " failed", failure);
            connection.send(frames.error(new ChatException(ErrorCode.SERVER_ERROR,
                    "the request failed and nothing was stored; it may be retried",
                    request == null ? null : request.ref())));
        }
    }

    /** Refuses a frame that came faster than the rate limits allow; it is not acted on. */
    public void refuseRate(Connection connection, String frame) {
        connection.send(frames.error(new ChatException(ErrorCode.RATE_LIMITED,
                "too many frames; this one was dropped: slow down, or the connection is closed", parser.refOf(frame))));
    }

    /**
     * Stores a message in its room, then pushes it to the room's connections. A send whose clientId the
     * author used before stores and pushes nothing: it is answered with the earlier message, as a duplicate.
     */
    public Room.Published publish(UserName author, Request.Send send) {
        return publish(author, send, false);
    }

    // A connection that joined the room was let in then, and members are never removed: only an author who
    // has not joined (HTTP) needs the check, made under the room's monitor as making a room private is.
    private Room.Published publish(UserName author, Request.Send send, boolean joined) {
        Room room = rooms.get(send.room());
        Instant now = now();
        LongFunction<RoomEvent> append = seq -> {
            if (!joined) {
                access.requireEntry(author, room.name());
            }
            return told(store.appendMessage(room.name(), seq, author, send.text().value(), send.clientId(), now));
        };
        Room.Published published = send.clientId() == null ? room.publish(append, backlog(room.name()))
                : room.publishOnce(() -> store.findByClientId(author, send.clientId()), append, backlog(room.name()));
        drop(published.dropped());
        return published;
    }

    /**
     * Retracts a message, the user's own or, for a moderator, anyone's: its text is removed and a
     * {@code retracted} event is pushed.
     */
    public RoomEvent retract(UserName user, long messageId) {
        RoomEvent target = changeable(user, messageId, access::mayRetract);
        Instant now = now();
        return change(target, seq -> told(store.appendRetraction(target.room(), seq, messageId, user, now)));
    }

    /** Replaces the text of the author's own message and pushes an {@code edited} event. */
    public RoomEvent edit(UserName user, long messageId, MessageText text) {
        RoomEvent target = changeable(user, messageId, (editor, message) -> message.author().equals(editor));
        Instant now = now();
        return change(target, seq -> told(store.appendEdit(target.room(), seq, messageId, user, text.value(), now)));
    }

    // a message in a room the user may not enter is not found: its existence is not revealed
    private RoomEvent changeable(UserName user, long messageId, BiPredicate<UserName, RoomEvent> permitted) {
        RoomEvent target = store.find(messageId).filter(RoomEvent::isMessage)
                .filter(message -> access.mayEnter(user, message.room()))
                .orElseThrow(() -> new ChatException(ErrorCode.NOT_FOUND, "no message with id " + messageId));
        if (!permitted.test(user, target)) {
            throw new ChatException(ErrorCode.NOT_YOUR_MESSAGE, "only the author may change a message");
        }
        if (target.retracted()) {
            throw new ChatException(ErrorCode.ALREADY_RETRACTED, "message " + messageId + " is already retracted");
        }
        return target;
    }

    // told while the room's monitor is held, so the other nodes hear of a room's events in seq order
    private RoomEvent told(RoomEvent stored) {
        cluster.tell(new ClusterMessage.Stored(stored));
        return stored;
    }

    private RoomEvent change(RoomEvent target, LongFunction<RoomEvent> append) {
        Room.Published published = rooms.get(target.room()).publish(append, backlog(target.room()));
        drop(published.dropped());
        return published.event();
    }

    public List<RoomEvent> history(UserName reader, RoomName room, HistoryQuery query) {
        access.requireEntry(reader, room);
        return store.page(room, query);
    }

    public List<UserName> present(UserName asker, RoomName room) {
        access.requireEntry(asker, room);
        return rooms.get(room).present();
    }

    /** The container saw the connection close, cleanly or not. */
    public void closed(Connection connection, int closeCode) {
        end(connection, closeCode);
    }

    /** The connection's peer sent a frame or answered a ping. */
    public void heard(Connection connection) {
        connection.heard();
    }

    /**
     * Closes with 1001 the connections whose peer has sent nothing for longer than {@code maxSilenceMillis}
     * while a ping written to it went unanswered for at least a ping interval (the limit's share of one of the
     * {@link ChatRuntime#MISSED_PINGS}), or has taken no frame for that long: a frozen or vanished client,
     * whatever the container's own timeouts. Called every second, so the close comes within a second of the limit.
     */
    public void closeSilent(long maxSilenceMillis) {
        long now = clock.millis();
        long answerWindow = maxSilenceMillis / ChatRuntime.MISSED_PINGS;
        for (Connection connection : connections.all()) {
            connection.unresponsive(maxSilenceMillis, answerWindow, now).ifPresent(reason -> {
                end(connection, CloseCodes.GOING_AWAY);
                connection.close(CloseCodes.GOING_AWAY, reason);
            });
        }
    }

    /** Pings every connection: a live peer answers, which keeps the container's read timeout from firing. */
    public void pingAll() {
        drop(connections.all().stream().filter(connection -> !connection.ping()).collect(Collectors.toSet()));
    }

    /** Closes the connections of a session that was signed out, with 4401, on every node. */
    public void endSession(String sessionId, String reason) {
        cluster.tell(new ClusterMessage.SessionEnded(sessionId));
        closeSession(sessionId, reason);
    }

    private void closeSession(String sessionId, String reason) {
        connections.all().stream().filter(connection -> connection.session().id().equals(sessionId))
                .forEach(connection -> closeEnded(connection, reason));
    }

    /** Closes the connections whose session has expired, with 4401. */
    public void expireSessions() {
        Instant now = clock.instant();
        connections.all().stream().filter(connection -> connection.session().expired(now))
                .forEach(connection -> closeEnded(connection, "session expired"));
    }

    private void closeEnded(Connection connection, String reason) {
        end(connection, CloseCodes.SESSION_ENDED);
        connection.closeAfterPending(CloseCodes.SESSION_ENDED, reason);
    }

    /** Closes every connection with 1001, as the application goes away. */
    public void shutdown() {
        for (Connection connection : connections.all()) {
            end(connection, CloseCodes.GOING_AWAY);
            connection.close(CloseCodes.GOING_AWAY, "server shutting down");
        }
    }

    public Connections connections() {
        return connections;
    }

    public int roomCount() {
        return rooms.count();
    }

    private void send(Connection connection, Request.Send send) {
        Room room = rooms.get(send.room());
        if (!room.isMember(connection)) {
            throw new ChatException(ErrorCode.NOT_IN_ROOM, "join room '" + send.room() + "' before sending to it");
        }
        Room.Published published = publish(connection.user(), send, true);
        connection.send(frames.ack(send.ref(), published.event(), published.duplicate()));
    }

    private void join(Connection connection, RoomName name, Long after, boolean receipts, boolean makePrivate,
                      String ref) {
        if (!connection.rooms().contains(name) && connection.rooms().size() >= MAX_ROOMS_PER_CONNECTION) {
            throw new ChatException(ErrorCode.TOO_MANY_ROOMS,
                    "a connection may be in " + MAX_ROOMS_PER_CONNECTION + " rooms at most; leave one first");
        }
        Room room = rooms.get(name);
        drop(room.locked(() -> {
            if (makePrivate) {
                access.createPrivate(connection.user(), name, room.untouched(), now());
            }
            access.requireEntry(connection.user(), name);
            connection.rooms().add(name);
            return room.join(connection, ref, after, receipts, backlog(name));
        }));
        if (!connection.isOpen()) {
            // the connection ended while joining and may have missed this room on its way out
            drop(room.leave(connection));
        }
    }

    private void invite(Connection connection, Request.Invite invite) {
        access.invite(connection.user(), invite.room(), invite.user(), now());
        connection.send(frames.invited(invite.room(), invite.user(), invite.ref()));
        cluster.tell(new ClusterMessage.Invitation(invite.room(), invite.user(), connection.user()));
        tellInvited(invite.room(), invite.user(), connection.user());
    }

    private void tellInvited(RoomName room, UserName invited, UserName by) {
        String invitation = frames.invitation(room, by);
        drop(connections.of(invited).stream().filter(connection -> !connection.send(invitation))
                .collect(Collectors.toSet()));
    }

    /** Acts on what another node said. Messages of all nodes are handled one at a time, in arrival order. */
    public void fromPeer(String node, ClusterMessage message) {
        if (peers.heard(node, clock.millis()) && !(message instanceof ClusterMessage.Hello)) {
            cluster.tell(new ClusterMessage.Hello()); // a node new to this one: ask who is where
        }
        if (message instanceof ClusterMessage.Stored stored) {
            RoomName name = stored.event().room();
            rooms.loaded(name).ifPresent(room -> drop(room.deliver(stored.event(), backlog(name))));
        } else if (message instanceof ClusterMessage.Presence presence) {
            drop(rooms.get(presence.room()).presentElsewhere(node, presence.user(), presence.present()));
        } else if (message instanceof ClusterMessage.Typing typing) {
            rooms.loaded(typing.room()).ifPresent(room -> drop(room.typingElsewhere(typing.user())));
        } else if (message instanceof ClusterMessage.Receipt receipt) {
            rooms.loaded(receipt.room()).ifPresent(room -> drop(room.readElsewhere(receipt.user(), receipt.seq())));
        } else if (message instanceof ClusterMessage.RoomPresence roomPresence) {
            drop(rooms.get(roomPresence.room()).presentOn(node, roomPresence.users()));
        } else if (message instanceof ClusterMessage.Hello) {
            for (Room room : rooms.all()) {
                room.announceLocal(users -> cluster.tell(new ClusterMessage.RoomPresence(room.name(), users)));
            }
        } else if (message instanceof ClusterMessage.Invitation invitation) {
            tellInvited(invitation.room(), invitation.user(), invitation.by());
        } else if (message instanceof ClusterMessage.SessionEnded ended) {
            closeSession(ended.sessionId(), "signed out");
        }
    }

    /**
     * Tells the other nodes this one is alive, and forgets those silent too long: their users are no longer
     * present, and events they stored but may not have announced are read from the store.
     */
    public void heartbeat() {
        cluster.tell(new ClusterMessage.Heartbeat());
        for (String dead : peers.expire(clock.millis())) {
            LOG.warning("node " + dead + " went silent; its users are no longer present here");
            for (Room room : rooms.all()) {
                drop(room.presentOn(dead, Set.of()));
                if (room.hasMembers()) {
                    drop(room.catchUp(backlog(room.name())));
                }
            }
        }
    }

    /** The other nodes this one heard from lately. */
    public int peerCount() {
        return peers.size();
    }

    private Room.Backlog backlog(RoomName name) {
        return new StoredBacklog(store, name);
    }

    private void leave(Connection connection, RoomName name, String ref) {
        connection.rooms().remove(name);
        drop(rooms.get(name).leave(connection));
        connection.send(frames.left(name, ref));
    }

    // Connections a room removed because their outbox refused a frame. A full outbox means a slow consumer,
    // closed here; a failed transport is closed by the container, which reports it through closed().
    private void drop(Set<Connection> dropped) {
        for (Connection connection : dropped) {
            if (connection.overflowed()) {
                end(connection, CloseCodes.SLOW_CONSUMER);
                connection.close(CloseCodes.SLOW_CONSUMER, "send queue overflow");
            }
        }
    }

    private void end(Connection connection, int closeCode) {
        if (!connection.markClosed()) {
            return;
        }
        for (RoomName name : connection.rooms()) {
            drop(rooms.get(name).leave(connection));
        }
        connections.remove(connection, closeCode);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
