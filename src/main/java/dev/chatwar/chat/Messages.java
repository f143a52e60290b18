package dev.chatwar.chat;

import dev.chatwar.base.UserName;
import dev.chatwar.history.Append;
import dev.chatwar.moderation.Moderation;
import dev.chatwar.protocol.Request;
import dev.chatwar.room.RoomAccess;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * New messages, from a socket or over HTTP: checked against the room's rules (a muted or banned author is
 * refused), stored with the members they mention (a reply with the message it answers, a file with its upload,
 * both checked by the store), then pushed. One in a direct-message room puts the room in both users'
 * conversations again.
 */
final class Messages {

    private final RoomAccess access;
    private final Moderation moderation;
    private final RoomEvents events;
    private final Supplier<Instant> now;

    Messages(RoomAccess access, Moderation moderation, RoomEvents events, Supplier<Instant> now) {
        this.access = access;
        this.moderation = moderation;
        this.events = events;
        this.now = now;
    }

    // a connection in the room was let in then, and a member who leaves (or is taken out) leaves on every
    // connection, on every node: no access check
    CompletableFuture<Published> fromMember(UserName author, Request.Send send) {
        return events.append(message(author, send), () -> moderation.requireMayWrite(author, send.room()));
    }

    /** Over HTTP: the author need not have joined the room, but must be let in. */
    CompletableFuture<Published> fromAnyone(UserName author, Request.Send send) {
        return events.append(message(author, send), () -> {
            access.requireEntry(author, send.room());
            moderation.requireMayWrite(author, send.room());
        });
    }

    private Append message(UserName author, Request.Send send) {
        if (send.room().isDirect()) {
            access.addDirectMembers(send.room(), now.get());
        }
        return new Append.Message(send.room(), author, send.text().value(), send.clientId(), now.get(),
                access.mentioned(author, send.room(), send.text().value()), send.replyTo(), send.attachment());
    }
}
