package dev.chatwar.protocol;

import dev.chatwar.chat.MessageText;
import dev.chatwar.history.HistoryQuery;
import dev.chatwar.room.RoomName;

/** A client's request frame, parsed and validated. {@code ref} is the client's own reference, echoed back. */
public sealed interface Request {

    int MAX_CLIENT_ID_LENGTH = 64;

    String ref();

    /** {@code after}: the last seq the client saw in the room, to have what it missed replayed; or null. */
    record Join(RoomName room, Long after, String ref) implements Request {
    }

    record Leave(RoomName room, String ref) implements Request {
    }

    /** {@code clientId}, when given, makes the send idempotent: a retry is answered, not stored again. */
    record Send(RoomName room, MessageText text, String clientId, String ref) implements Request {
    }

    record Retract(long messageId, String ref) implements Request {
    }

    record Edit(long messageId, MessageText text, String ref) implements Request {
    }

    record History(RoomName room, HistoryQuery query, String ref) implements Request {
    }
}
