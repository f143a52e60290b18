package dev.chatwar.history;

import dev.chatwar.base.RoomName;
import dev.chatwar.base.UserName;
import java.time.Instant;
import java.util.List;

/**
 * One entry of a room's stored stream: a message (perhaps a reply), the edit or retraction of one, a reaction to
 * one, or a moderator's act. {@code seq} numbers a room's
 * events 1, 2, 3 … with no gap; {@code id} is unique across rooms.
 *
 * @param text      the message's (latest) text, an edit's new text, or a reaction's emoji; null for a retraction, and for a
 *                  retracted message and its edits (the tombstone keeps no text)
 * @param messageId for an edit, a retraction or a reaction, the id of the message it changes; null for a message
 * @param retracted for a message, whether it has since been retracted
 * @param edited    for a message, whether its text has since been edited
 * @param clientId  for a message, the id its author's client gave it, if any; unique per author
 * @param mentions  for a message, the members it mentions by {@code @name}, as registered; empty otherwise
 * @param act       for a moderation event, what the moderator (its author) did; its text is the reason, if given
 * @param reply     for a message that answers another, which one, and its thread; null otherwise
 * @param thread    for a message with replies, their count and the last one's time; null otherwise
 * @param reaction  for a reaction event (its {@code messageId} the message reacted to), what changed
 * @param attachment for a message sent with a file, the file; null otherwise (and once the message is retracted)
 */
public record RoomEvent(long id, RoomName room, long seq, Kind kind, UserName author, String text,
                        Long messageId, Instant sentAt, boolean retracted, boolean edited, String clientId,
                        List<UserName> mentions, ModeratorAct act, Reply reply, ThreadSummary thread,
                        ReactionChange reaction, Attachment attachment) {

    public RoomEvent {
        mentions = mentions == null ? List.of() : List.copyOf(mentions);
    }

    /** An event without a file. */
    public RoomEvent(long id, RoomName room, long seq, Kind kind, UserName author, String text, Long messageId,
                     Instant sentAt, boolean retracted, boolean edited, String clientId, List<UserName> mentions,
                     ModeratorAct act, Reply reply, ThreadSummary thread, ReactionChange reaction) {
        this(id, room, seq, kind, author, text, messageId, sentAt, retracted, edited, clientId, mentions, act, reply,
                thread, reaction, null);
    }

    /** An event that is no reply, reaction, or message with replies. */
    public RoomEvent(long id, RoomName room, long seq, Kind kind, UserName author, String text, Long messageId,
                     Instant sentAt, boolean retracted, boolean edited, String clientId, List<UserName> mentions,
                     ModeratorAct act) {
        this(id, room, seq, kind, author, text, messageId, sentAt, retracted, edited, clientId, mentions, act,
                null, null, null);
    }

    /** An event that is no moderator's act. */
    public RoomEvent(long id, RoomName room, long seq, Kind kind, UserName author, String text, Long messageId,
                     Instant sentAt, boolean retracted, boolean edited, String clientId, List<UserName> mentions) {
        this(id, room, seq, kind, author, text, messageId, sentAt, retracted, edited, clientId, mentions, null,
                null, null, null);
    }

    /** An event that mentions nobody. */
    public RoomEvent(long id, RoomName room, long seq, Kind kind, UserName author, String text, Long messageId,
                     Instant sentAt, boolean retracted, boolean edited, String clientId) {
        this(id, room, seq, kind, author, text, messageId, sentAt, retracted, edited, clientId, List.of(), null,
                null, null, null);
    }

    /** A client's id for its message is at most this long. */
    public static final int MAX_CLIENT_ID_LENGTH = 64;

    public enum Kind { MESSAGE, EDIT, RETRACTION, MODERATION, REACTION }

    public boolean isMessage() {
        return kind == Kind.MESSAGE;
    }

    /** Whether this event takes a user out of the room: a kick or a ban. */
    public boolean endsMembership() {
        return act != null && act.action().endsMembership();
    }
}
