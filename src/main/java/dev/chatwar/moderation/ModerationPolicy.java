package dev.chatwar.moderation;

import dev.chatwar.base.ChatException;
import dev.chatwar.base.ErrorCode;
import dev.chatwar.base.RoomName;
import dev.chatwar.base.UserName;
import dev.chatwar.history.ModeratorAct.Action;
import dev.chatwar.history.RoomRules;
import java.time.Instant;

/**
 * Who may do what to whom. A room moderator kicks, bans and mutes members (and lifts bans and mutes); the owner
 * does that to moderators too, and names and drops moderators; a server moderator does everything, to anyone
 * but another server moderator. Nobody acts on itself. An act that would change nothing is refused.
 */
final class ModerationPolicy {

    private ModerationPolicy() {
    }

    /**
     * Refuses the act with {@code not_allowed}, {@code invalid_field} or {@code no_change}.
     *
     * @param targetIsMember whether the target is a member of the room now (a kick needs one)
     */
    static void check(RoomName room, Action action, UserName actor, Rank actorRank, UserName target,
                      Rank targetRank, boolean targetIsMember, RoomRules rules, Instant now) {
        if (room.isDirect()) {
            throw new ChatException(ErrorCode.INVALID_FIELD, "a direct-message room has no moderators");
        }
        if (action == Action.KICK && room.equals(RoomName.LOBBY)) {
            throw new ChatException(ErrorCode.INVALID_FIELD, "the lobby is everyone's: mute or ban instead");
        }
        if (actor.equals(target)) {
            throw new ChatException(ErrorCode.NOT_ALLOWED, "a moderator cannot act on itself");
        }
        Rank needed = action == Action.PROMOTE || action == Action.DEMOTE ? Rank.OWNER : Rank.MODERATOR;
        if (actorRank.compareTo(needed) < 0) {
            throw new ChatException(ErrorCode.NOT_ALLOWED, "only the room's "
                    + (needed == Rank.OWNER ? "owner" : "owner or moderators") + " may " + action.wireName());
        }
        if (targetRank.compareTo(actorRank) >= 0) {
            throw new ChatException(ErrorCode.NOT_ALLOWED, "'" + target + "' is a " + targetRank.wireName()
                    + " of this room: only a higher one may act on it");
        }
        String unchanged = switch (action) {
            case KICK -> targetIsMember ? null : "is not a member of the room";
            case UNBAN -> rules.ban(target, now).isPresent() ? null : "is not banned";
            case UNMUTE -> rules.mute(target, now).isPresent() ? null : "is not muted";
            case PROMOTE -> targetRank == Rank.MEMBER && rules.ban(target, now).isEmpty() ? null
                    : rules.ban(target, now).isPresent() ? "is banned" : "is a moderator already";
            case DEMOTE -> rules.isModerator(target) ? null : "is not a moderator";
            case BAN, MUTE -> null; // again: a new end, a new reason
        };
        if (unchanged != null) {
            throw new ChatException(ErrorCode.NO_CHANGE, "'" + target + "' " + unchanged);
        }
    }
}
