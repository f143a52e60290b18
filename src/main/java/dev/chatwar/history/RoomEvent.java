package dev.chatwar.history;

import dev.chatwar.identity.UserName;
import dev.chatwar.room.RoomName;
import java.time.Instant;

/**
 * One entry of a room's stored stream: a message or the retraction of one. {@code seq} numbers a room's
 * events 1, 2, 3 … with no gap; {@code id} is unique across rooms.
 *
 * @param text      the message text; null for a retraction and for a retracted message (its tombstone)
 * @param messageId for a retraction, the id of the retracted message; null for a message
 * @param retracted for a message, whether it has since been retracted
 * @param clientId  for a message, the id its author's client gave it, if any; unique per author
 */
public record RoomEvent(long id, RoomName room, long seq, Kind kind, UserName author, String text,
                        Long messageId, Instant sentAt, boolean retracted, String clientId) {

    public enum Kind { MESSAGE, RETRACTION }

    public boolean isMessage() {
        return kind == Kind.MESSAGE;
    }
}
