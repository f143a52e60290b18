package dev.chatwar.chat;

import dev.chatwar.base.ChatException;
import dev.chatwar.base.ErrorCode;
import dev.chatwar.base.RoomName;
import dev.chatwar.cluster.Cluster;
import dev.chatwar.cluster.ClusterMessage;
import dev.chatwar.connection.Connection;
import dev.chatwar.history.EventStore;
import dev.chatwar.protocol.ConversationFrames;
import dev.chatwar.protocol.Frames;
import dev.chatwar.protocol.Request;
import dev.chatwar.protocol.RequestParser;
import dev.chatwar.room.Room;
import dev.chatwar.room.RoomAccess;
import dev.chatwar.room.Rooms;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.logging.Level;
import java.util.logging.Logger;

/** A connection's requests, one text frame at a time: parsed, checked, acted on, answered. */
final class Requests {

    private static final Logger LOG = Logger.getLogger(Requests.class.getName());
    private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

    private final ConversationFrames listFrames = new ConversationFrames();
    private final Chat chat;
    private final EventStore store;
    private final RoomAccess access;
    private final Rooms rooms;
    private final RoomEvents events;
    private final MessageChanges changes;
    private final Joins joins;
    private final Memberships memberships;
    private final Moderating moderating;
    private final ConversationList conversations;
    private final Activity activity;
    private final Cluster cluster;
    private final Clock clock;
    private final Frames frames;
    private final RequestParser parser = new RequestParser();

    Requests(Chat chat, EventStore store, RoomAccess access, Rooms rooms, RoomEvents events, MessageChanges changes,
             Joins joins, Memberships memberships, Moderating moderating, ConversationList conversations,
             Activity activity, Cluster cluster, Clock clock, Frames frames) {
        this.moderating = moderating;
        this.chat = chat;
        this.store = store;
        this.access = access;
        this.rooms = rooms;
        this.events = events;
        this.changes = changes;
        this.joins = joins;
        this.memberships = memberships;
        this.conversations = conversations;
        this.activity = activity;
        this.cluster = cluster;
        this.clock = clock;
        this.frames = frames;
    }

    /**
     * Answers one text frame of a connection. A bad request gets an error frame; the connection stays. The
     * future completes once the reply is queued: a message is answered after it is stored and pushed, and the
     * connection's next request waits for that, without holding a thread.
     */
    CompletableFuture<?> receive(Connection connection, String frame) {
        if (!connection.isOpen()) {
            return DONE; // dropped (too slow, say) while this frame waited: the server no longer acts for it
        }
        Request request = null;
        try {
            request = parser.parse(frame);
            if (request instanceof Request.Send send) {
                return send(connection, send);
            }
            if (request instanceof Request.Edit edit) {
                return answer(connection, edit.ref(), changes.edit(connection.user(), edit.messageId(), edit.text()));
            }
            if (request instanceof Request.Retract retract) {
                return answer(connection, retract.ref(), changes.retract(connection.user(), retract.messageId()));
            }
            if (request instanceof Request.React react) {
                return answer(connection, react.ref(), changes.react(connection.user(), react));
            }
            if (request instanceof Request.Moderate moderate) {
                return answer(connection, moderate.ref(), moderating.moderate(connection.user(), moderate));
            }
            if (request instanceof Request.Join join) {
                join(connection, join.room(), join.after(), join.receipts(), join.makePrivate(), join.ref());
            } else if (request instanceof Request.Invite invite) {
                invite(connection, invite);
            } else if (request instanceof Request.Leave leave) {
                if (leave.keepMembership() || leave.room().equals(RoomName.LOBBY)) {
                    leave(connection, leave.room(), leave.ref());
                } else {
                    memberships.leave(connection, leave.room(), leave.ref());
                }
            } else if (request instanceof Request.Conversations list) {
                activity.listen(connection);
                ConversationList.Page page = conversations.of(connection.user(), list.limit());
                connection.send(listFrames.conversations(list.ref(), page.conversations(), page.more()));
            } else if (request instanceof Request.Typing typing) {
                Room room = joined(connection, typing.room());
                moderating.requireMayWrite(connection.user(), typing.room());
                if (connection.mayAnnounceTyping(typing.room(), clock.millis(), Chat.TYPING_INTERVAL_MILLIS)) {
                    chat.drop(room.typing(connection));
                }
            } else if (request instanceof Request.Read read) {
                read(connection, read);
            } else if (request instanceof Request.History history) {
                connection.send(frames.history(history.room(), history.ref(), history.thread() == null
                        ? chat.queries().history(connection.user(), history.room(), history.query())
                        : chat.queries().thread(connection.user(), history.room(), history.thread(), history.query()),
                        history.thread(), connection.user()));
            }
        } catch (Exception failure) { // a commit that fails throws jakarta.transaction.RollbackException, undeclared
            refuse(connection, request == null ? null : request.ref(), failure);
        }
        return DONE;
    }

    private void refuse(Connection connection, String requestRef, Throwable failure) {
        if (failure instanceof CompletionException wrapped && wrapped.getCause() != null) {
            failure = wrapped.getCause();
        }
        if (failure instanceof ChatException refused) {
            connection.send(frames.error(refused.withRef(requestRef == null ? refused.ref() : requestRef)));
        } else {
            LOG.log(Level.WARNING, "request of " + connection + " failed", failure);
            connection.send(frames.error(new ChatException(ErrorCode.SERVER_ERROR,
                    "the request failed and nothing was stored; it may be retried", requestRef)));
        }
    }

    // the ack follows the event, which went to every member (this connection too, if it is in the room)
    private CompletableFuture<?> answer(Connection connection, String ref, CompletableFuture<Published> stored) {
        return stored.handle((published, failure) -> {
            if (failure != null) {
                refuse(connection, ref, failure);
            } else {
                connection.send(frames.ack(ref, published.event(), published.duplicate()));
            }
            return null;
        });
    }

    // a user may mark a room read from any of its connections, joined there or not; an outsider learns nothing
    private void read(Connection connection, Request.Read read) {
        Optional<Room> loaded = rooms.loaded(read.room());
        if (loaded.isEmpty() || !loaded.get().isMember(connection)) {
            access.requireEntry(connection.user(), read.room());
        }
        long last = rooms.lastSeq(read.room());
        if (read.seq() > last) {
            throw new ChatException(ErrorCode.INVALID_FIELD, "seq " + read.seq() + " is beyond the room's last seq " + last);
        }
        long position = store.markRead(connection.user(), read.room(), read.seq());
        if (loaded.isPresent()) {
            chat.drop(loaded.get().read(connection, read.seq(), read.ref(), position));
        } else {
            connection.send(frames.read(read.room(), read.ref(), position));
        }
    }

    /**
     * The room, if this connection joined it. Otherwise refused: {@code not_a_member} for a user who may not
     * enter it, whatever its state, and {@code not_in_room} for one who may; no room is loaded by asking.
     */
    private Room joined(Connection connection, RoomName name) {
        Optional<Room> room = rooms.loaded(name);
        if (room.isPresent() && room.get().isMember(connection)) {
            return room.get();
        }
        access.requireEntry(connection.user(), name);
        throw new ChatException(ErrorCode.NOT_IN_ROOM, "join room '" + name + "' before using it");
    }

    /** Refuses a frame that came faster than the rate limits allow; it is not acted on. */
    void refuseRate(Connection connection, String frame) {
        connection.send(frames.error(new ChatException(ErrorCode.RATE_LIMITED,
                "too many frames; this one was dropped: slow down, or the connection is closed", parser.refOf(frame))));
    }

    private CompletableFuture<?> send(Connection connection, Request.Send send) {
        joined(connection, send.room());
        return answer(connection, send.ref(), chat.send(connection.user(), send));
    }

    void join(Connection connection, RoomName name, Long after, boolean receipts, boolean makePrivate,
                      String ref) {
        if (!makePrivate) {
            Joins.requireRoomFor(connection, name);
            memberships.joining(connection.user(), name);
        }
        Room room = rooms.live(name, live -> {
            chat.drop(joins.join(connection, live, after, receipts, makePrivate, ref));
            return live;
        });
        if (makePrivate) {
            memberships.became(name, connection.user());
        }
        if (!connection.isOpen()) {
            // the connection ended while joining and may have missed this room on its way out
            chat.drop(room.leave(connection));
        }
    }

    private void invite(Connection connection, Request.Invite invite) {
        if (access.isPrivate(invite.room())) { // a member may not let back in whom a moderator banned
            access.requireEntry(connection.user(), invite.room());
            access.registered(invite.user()).ifPresent(user -> moderating.requireNotBanned(user, invite.room()));
        }
        access.invite(connection.user(), invite.room(), invite.user(), chat.now());
        connection.send(frames.invited(invite.room(), invite.user(), invite.ref()));
        cluster.tell(new ClusterMessage.Invitation(invite.room(), invite.user(), connection.user()));
        chat.tellInvited(invite.room(), invite.user(), connection.user());
    }

    private void leave(Connection connection, RoomName name, String ref) {
        if (!connection.rooms().remove(name)) {
            access.requireEntry(connection.user(), name);
        }
        rooms.loaded(name).ifPresent(room -> chat.drop(room.leave(connection)));
        connection.send(frames.left(name, ref));
    }
}
