package dev.chatwar.chat;

import dev.chatwar.base.ChatException;
import dev.chatwar.base.ErrorCode;
import dev.chatwar.base.UserName;
import dev.chatwar.history.EventStore;
import dev.chatwar.history.RoomEvent;
import dev.chatwar.room.RoomAccess;
import java.util.function.BiPredicate;

/** Who may change a stored message: edit it (its author) or retract it (its author, or a moderator). */
final class MessageChanges {

    private final EventStore store;
    private final RoomAccess access;

    MessageChanges(EventStore store, RoomAccess access) {
        this.store = store;
        this.access = access;
    }

    /** The message, if the user may change it; one in a room the user may not enter is not found at all. */
    RoomEvent changeable(UserName user, long messageId, BiPredicate<UserName, RoomEvent> permitted) {
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

}
