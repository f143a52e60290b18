package dev.chatwar.history;

import dev.chatwar.base.RoomName;
import dev.chatwar.base.UserName;
import java.time.Instant;
import java.util.List;

/** An event to be appended to a room's stream; the store gives it the room's next seq when it commits it. */
public sealed interface Append {

    RoomName room();

    UserName author();

    Instant sentAt();

    /**
     * A new message; a {@code clientId} the author used before makes it a duplicate of the earlier one.
     * {@code mentions}: the members it mentions, found before it is appended. {@code replyTo}: the id of the live
     * message of the same room it answers, or null. {@code attachment}: the id of a file its author uploaded into
     * the room and sent with no message yet, or null.
     */
    record Message(RoomName room, UserName author, String text, String clientId, Instant sentAt,
                   List<UserName> mentions, Long replyTo, String attachment) implements Append {

        public Message {
            mentions = mentions == null ? List.of() : List.copyOf(mentions);
        }

        public Message(RoomName room, UserName author, String text, String clientId, Instant sentAt,
                       List<UserName> mentions) {
            this(room, author, text, clientId, sentAt, mentions, null, null);
        }

        public Message(RoomName room, UserName author, String text, String clientId, Instant sentAt) {
            this(room, author, text, clientId, sentAt, List.of(), null, null);
        }
    }

    /**
     * The author's emoji put on a live message of the room ({@code added}), or taken off it. One of each emoji per
     * user and message, and at most {@link ReactionCount#MAX_PER_MESSAGE} distinct ones on a message.
     */
    record Reaction(RoomName room, UserName author, long messageId, String emoji, boolean added, Instant sentAt)
            implements Append {
    }

    /** New text for a live message. */
    record Edit(RoomName room, UserName author, long messageId, String text, Instant sentAt) implements Append {
    }

    /**
     * A moderator's act on a user in the room; {@code reason} may be null. It changes the room's rules in the same
     * transaction, and a kick or a ban ends the target's membership there too.
     */
    record Moderation(RoomName room, UserName author, ModeratorAct act, String reason, Instant sentAt)
            implements Append {
    }

    /** Takes a live message's text away for good, its edits' too. */
    record Retraction(RoomName room, UserName author, long messageId, Instant sentAt) implements Append {
    }
}
