package dev.chatwar.history;

import dev.chatwar.base.UserName;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * What a moderation event did, and to whom; its author is the moderator and its text the reason given.
 *
 * @param until for a ban or a mute, when it ends by itself; null for one that lasts until lifted, and for the rest
 */
public record ModeratorAct(Action action, UserName target, Instant until) {

    public enum Action {
        /** Ends the target's membership; it may join again. */
        KICK,
        /** Ends the membership, and refuses every join until lifted or over. */
        BAN,
        UNBAN,
        /** Refuses the target's messages and edits in the room until lifted or over. */
        MUTE,
        UNMUTE,
        /** Makes the target a room moderator. */
        PROMOTE,
        DEMOTE;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Optional<Action> ofWireName(String name) {
            return Arrays.stream(values()).filter(action -> action.wireName().equals(name)).findFirst();
        }

        /** Whether the action takes the target out of the room, on every connection and node. */
        public boolean endsMembership() {
            return this == KICK || this == BAN;
        }

        /** Whether the action may last for a while only. */
        public boolean takesDuration() {
            return this == BAN || this == MUTE;
        }
    }
}
