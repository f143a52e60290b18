package dev.chatwar.history;

import dev.chatwar.base.RoomName;
import dev.chatwar.base.UserName;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Durable storage of each room's event stream. Callers serialize appends per room and name the seq they
 * expect; nodes of a cluster share the store, and there an append takes the seq after the room's last one,
 * which is higher than expected when another node stored events this one has not delivered yet.
 */
public interface EventStore {

    /** The highest seq stored for the room, 0 when it has none. */
    long lastSeq(RoomName room);

    RoomEvent appendMessage(RoomName room, long seq, UserName author, String text, String clientId, Instant sentAt);

    /** The author's message that the client gave this id, if one is stored. */
    Optional<RoomEvent> findByClientId(UserName author, String clientId);

    /**
     * Turns the message into a tombstone and appends the retraction event, in one transaction.
     *
     * @throws dev.chatwar.base.ChatException {@code already_retracted} if it was retracted before
     */
    RoomEvent appendRetraction(RoomName room, long seq, long messageId, UserName author, Instant sentAt);

    /**
     * Replaces the message's text and appends the edit event, in one transaction.
     *
     * @throws dev.chatwar.base.ChatException {@code already_retracted} if it was retracted before
     */
    RoomEvent appendEdit(RoomName room, long seq, long messageId, UserName author, String text, Instant sentAt);

    Optional<RoomEvent> find(long id);

    /**
     * The highest seq the user marked as read in the room (0 when none) and the messages of other users,
     * not retracted, after it, counted up to {@link #MAX_UNREAD}; both read in one transaction.
     */
    Reading reading(UserName user, RoomName room);

    /** Moves the user's read position in the room forward to seq (never back); returns where it stands. */
    long markRead(UserName user, RoomName room, long seq);

    /** The most unread messages counted; counting stops there so that a join costs the same in any room. */
    int MAX_UNREAD = 1000;

    /** One page of the room's events, in ascending seq order. */
    List<RoomEvent> page(RoomName room, HistoryQuery query);
}
