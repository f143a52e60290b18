package dev.chatwar.chat;

import dev.chatwar.base.ChatException;
import dev.chatwar.base.ErrorCode;
import dev.chatwar.base.RoomName;
import dev.chatwar.base.UserName;
import dev.chatwar.history.ModeratorAct;
import dev.chatwar.moderation.Moderation;
import dev.chatwar.protocol.Request;
import dev.chatwar.room.RoomAccess;
import java.util.concurrent.CompletableFuture;

/**
 * A {@code moderate} request: checked against the room's rules, stored as the room's next event, pushed to its
 * members. What the act does to the target's connections happens where the event is delivered, on every node.
 */
final class Moderating {

    private final RoomAccess access;
    private final Moderation moderation;
    private final RoomEvents events;

    Moderating(RoomAccess access, Moderation moderation, RoomEvents events) {
        this.access = access;
        this.moderation = moderation;
        this.events = events;
    }

    CompletableFuture<Published> moderate(UserName actor, Request.Moderate request) {
        // outsiders of a private room learn nothing, unless they moderate the whole server
        if (!moderation.isServerModerator(actor) || request.room().isDirect()) {
            access.requireEntry(actor, request.room());
        }
        // a plain member is refused from what this node knows, before the target or the store is looked at
        moderation.requireMayModerate(actor, request.room());
        UserName target = access.registered(request.user()).orElseThrow(() ->
                new ChatException(ErrorCode.NOT_FOUND, "no user named '" + request.user() + "'"));
        // only a kick asks whether the target is a member (one that is not changes nothing)
        boolean member = request.action() == ModeratorAct.Action.KICK && access.isMember(target, request.room());
        return events.append(moderation.act(actor, request, target, member), () -> { });
    }

    /** Refuses a user banned from the room ({@code banned}) or muted in it ({@code muted}). */
    void requireMayWrite(UserName user, RoomName room) {
        moderation.requireMayWrite(user, room);
    }

    /** Refuses a user banned from the room ({@code banned}). */
    void requireNotBanned(UserName user, RoomName room) {
        moderation.requireNotBanned(user, room);
    }
}
