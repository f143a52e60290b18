package dev.chatwar.history;

import dev.chatwar.base.UserName;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Who runs a room, and the bans and mutes in it, as the room's moderation events left them. Bans and mutes keep
 * their end; one whose end has passed no longer counts.
 *
 * @param owner null for a room nobody created: the lobby, a direct-message room, a room from before owners
 */
public record RoomRules(UserName owner, Set<UserName> moderators, List<Sanction> bans, List<Sanction> mutes) {

    public static final RoomRules NONE = new RoomRules(null, Set.of(), List.of(), List.of());

    public RoomRules {
        moderators = Set.copyOf(moderators);
        bans = List.copyOf(bans);
        mutes = List.copyOf(mutes);
    }

    public Optional<Sanction> ban(UserName user, Instant now) {
        return find(bans, user, now);
    }

    public Optional<Sanction> mute(UserName user, Instant now) {
        return find(mutes, user, now);
    }

    public List<Sanction> bansInForce(Instant now) {
        return bans.stream().filter(ban -> ban.inForce(now)).toList();
    }

    public List<Sanction> mutesInForce(Instant now) {
        return mutes.stream().filter(mute -> mute.inForce(now)).toList();
    }

    public boolean isOwner(UserName user) {
        return user.equals(owner);
    }

    public boolean isModerator(UserName user) {
        return moderators.contains(user);
    }

    private static Optional<Sanction> find(List<Sanction> sanctions, UserName user, Instant now) {
        return sanctions.stream().filter(sanction -> sanction.user().equals(user) && sanction.inForce(now)).findFirst();
    }
}
