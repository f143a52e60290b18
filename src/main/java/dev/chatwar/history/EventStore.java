package dev.chatwar.history;

import dev.chatwar.base.RoomName;
import dev.chatwar.base.UserName;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Durable storage of each room's event stream. An append takes the seq after its room's last one, whichever
 * node of a cluster stored that; appends are meant to come from one {@link StoreWriter} for each node.
 */
public interface EventStore {

    /** The highest seq stored for the room, 0 when it has none. */
    long lastSeq(RoomName room);

    /**
     * Appends the events in one transaction, in order: each gets the seq after its room's last one, unless the
     * rules refuse it (then it takes no seq and the others are stored). One outcome for each, in the same order.
     * If it throws, nothing was stored.
     */
    List<Appended> appendAll(List<Append> appends);

    Optional<RoomEvent> find(long id);

    /**
     * The highest seq the user marked as read in the room (0 when none), the messages of other users, not
     * retracted, after it, and those of them that mention the user, counted up to {@link #MAX_UNREAD}; all read
     * in one transaction.
     */
    default Reading reading(UserName user, RoomName room) {
        return reading(user, room, MAX_UNREAD);
    }

    /** The reading, with unread messages and mentions counted up to {@code most} (at most {@link #MAX_UNREAD}). */
    Reading reading(UserName user, RoomName room, int most);

    /** Moves the user's read position in the room forward to seq (never back); returns where it stands. */
    long markRead(UserName user, RoomName room, long seq);

    /** The most unread messages counted; counting stops there so that a join costs the same in any room. */
    int MAX_UNREAD = 1000;

    /** One page of the room's events, in ascending seq order. */
    List<RoomEvent> page(RoomName room, HistoryQuery query);

    /** One page of the room's live messages that mention the user, chosen by seq as {@link #page} does. */
    List<RoomEvent> mentioning(UserName user, RoomName room, HistoryQuery query);

    /**
     * One page of a thread: the room's message {@code threadId} and the replies of its thread, messages only,
     * chosen by seq as {@link #page} does. Empty when the room has no such message.
     */
    List<RoomEvent> thread(RoomName room, long threadId, HistoryQuery query);

    /**
     * The reactions on each of the messages now: each emoji with its count and whether the reader is among those
     * who chose it, in the order the emoji were first used. Messages without any are left out.
     */
    Map<Long, List<ReactionCount>> reactions(Collection<Long> messageIds, UserName reader);

    /** The newest event of each room that has one. */
    List<RoomEvent> lastEvents(Collection<RoomName> rooms);

    /** Who runs the room, and its bans and mutes (those over included), as its moderation events left them. */
    RoomRules rules(RoomName room);

    /**
     * Makes the user the room's owner, if it has none yet: true when it did. Of two users claiming a room at once,
     * one wins; the other's claim fails, or throws on commit.
     */
    boolean claimOwner(RoomName room, UserName user, Instant at);

    /** The room is no longer held in memory: whatever the store keeps of it besides the database may go. */
    default void forget(RoomName room) {
    }
}
