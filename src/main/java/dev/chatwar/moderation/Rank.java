package dev.chatwar.moderation;

import dev.chatwar.base.UserName;
import dev.chatwar.history.RoomRules;
import java.util.Locale;
import java.util.Set;

/** A user's standing in a room, lowest first: one may act on those below it only. */
public enum Rank {
    MEMBER, MODERATOR, OWNER, SERVER_MODERATOR;

    static Rank of(UserName user, RoomRules rules, Set<UserName> serverModerators) {
        if (serverModerators.contains(user)) {
            return SERVER_MODERATOR;
        }
        if (rules.isOwner(user)) {
            return OWNER;
        }
        return rules.isModerator(user) ? MODERATOR : MEMBER;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
