package dev.chatwar.chat;

import dev.chatwar.base.ChatException;
import dev.chatwar.base.ErrorCode;
import dev.chatwar.base.UserName;
import dev.chatwar.history.EventStore;
import dev.chatwar.history.RoomEvent;
import dev.chatwar.moderation.Moderation;
import dev.chatwar.protocol.Request;
import dev.chatwar.room.RoomAccess;
import dev.chatwar.base.MessageText;
import dev.chatwar.history.Append;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiPredicate;
import java.util.function.Supplier;

/**
 * Changes to a stored message: its author edits it, unless muted there; its author, or a moderator of its room or
 * of the server, retracts it; whoever may write in its room reacts to it.
 */
final class MessageChanges {

    private final EventStore store;
    private final RoomAccess access;
    private final RoomEvents events;
    private final Moderation moderation;
    private final Supplier<Instant> now;

    MessageChanges(EventStore store, RoomAccess access, RoomEvents events, Moderation moderation,
                   Supplier<Instant> now) {
        this.store = store;
        this.access = access;
        this.events = events;
        this.moderation = moderation;
        this.now = now;
    }

    /** Removes the message's text for good and pushes a {@code retracted} event. */
    CompletableFuture<Published> retract(UserName user, long messageId) {
        RoomEvent target = changeable(user, messageId, (retractor, message) -> message.author().equals(retractor)
                || moderation.mayRetractOthers(retractor, message.room()));
        return events.append(new Append.Retraction(target.room(), user, messageId, now.get()), () -> { });
    }

    /** Replaces the text of the author's own message and pushes an {@code edited} event. */
    CompletableFuture<Published> edit(UserName user, long messageId, MessageText text) {
        RoomEvent target = changeable(user, messageId, (editor, message) -> message.author().equals(editor));
        moderation.requireMayWrite(user, target.room());
        return events.append(new Append.Edit(target.room(), user, messageId, text.value(), now.get()), () -> { });
    }

    /**
     * Puts the user's emoji on a message of a room the user may enter, or takes it off, unless the user is muted
     * or banned there; pushes a {@code reaction} event. Whether it changes anything is decided when it is stored.
     */
    CompletableFuture<Published> react(UserName user, Request.React react) {
        RoomEvent target = changeable(user, react.messageId(), (reactor, message) -> true);
        moderation.requireMayWrite(user, target.room());
        return events.append(new Append.Reaction(target.room(), user, react.messageId(), react.emoji().value(),
                react.add(), now.get()), () -> { });
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
