package dev.chatwar.protocol;

import dev.chatwar.base.Emoji;
import dev.chatwar.base.MessageText;
import dev.chatwar.base.RoomName;
import dev.chatwar.base.UserName;
import dev.chatwar.history.HistoryQuery;
import dev.chatwar.history.ModeratorAct;

/** A client's request frame, parsed and validated. {@code ref} is the client's own reference, echoed back. */
public sealed interface Request {

    String ref();

    /**
     * {@code after}: the last seq the client saw in the room, to have what it missed replayed; or null.
     * {@code receipts}: whether the connection wants a receipt each time a member marks what it has read.
     * {@code makePrivate}: create the room as a private room of the user's, if nobody has used it yet.
     */
    record Join(RoomName room, Long after, boolean receipts, boolean makePrivate, String ref) implements Request {
    }

    /** A member of a private room lets another user in. */
    record Invite(RoomName room, UserName user, String ref) implements Request {
    }

    /** The user is typing in the room: an ephemeral signal, never stored, never answered. */
    record Typing(RoomName room, String ref) implements Request {
    }

    /** The user has read the room up to and including {@code seq}. */
    record Read(RoomName room, long seq, String ref) implements Request {
    }

    /**
     * The user leaves the room: its membership ends, and all its connections leave it. {@code keepMembership}:
     * only this connection stops receiving the room's events.
     */
    record Leave(RoomName room, boolean keepMembership, String ref) implements Request {
    }

    /** The user's conversations, newest activity first, at most {@code limit}. */
    record Conversations(int limit, String ref) implements Request {

        public static final int DEFAULT_LIMIT = 50;
        public static final int MAX_LIMIT = 200;
    }

    /**
     * {@code clientId}, when given, makes the send idempotent: a retry is answered, not stored again.
     * {@code replyTo}, when given, is the id of the message of the room it answers; {@code attachment}, the id of a
     * file the user uploaded into the room, sent with this message.
     */
    record Send(RoomName room, MessageText text, String clientId, Long replyTo, String attachment, String ref)
            implements Request {

        public Send(RoomName room, MessageText text, String clientId, String ref) {
            this(room, text, clientId, null, null, ref);
        }
    }

    /** The user's emoji put on a message ({@code add}), or taken off it. */
    record React(long messageId, Emoji emoji, boolean add, String ref) implements Request {
    }

    record Retract(long messageId, String ref) implements Request {
    }

    record Edit(long messageId, MessageText text, String ref) implements Request {
    }

    /** {@code thread}, when given: a page of that message's thread instead of the room's events. */
    record History(RoomName room, HistoryQuery query, Long thread, String ref) implements Request {
    }

    /**
     * A moderator's act on a user in the room. {@code durationSeconds}: for a ban or a mute, how long it lasts
     * (null: until lifted); {@code reason}, when given, is shown to the room with the act.
     */
    record Moderate(RoomName room, ModeratorAct.Action action, UserName user, Long durationSeconds, String reason,
                    String ref) implements Request {

        /** The longest ban or mute with an end: a year. Longer ones last until lifted. */
        public static final long MAX_DURATION_SECONDS = 365L * 24 * 3600;
        public static final int MAX_REASON_LENGTH = 200;
    }
}
