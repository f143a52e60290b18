package dev.chatwar.moderation;

import dev.chatwar.base.ChatException;
import dev.chatwar.base.ErrorCode;
import dev.chatwar.base.RoomName;
import dev.chatwar.base.UserName;
import dev.chatwar.history.Append;
import dev.chatwar.history.EventStore;
import dev.chatwar.history.ModeratorAct;
import dev.chatwar.history.RoomEvent;
import dev.chatwar.history.RoomRules;
import dev.chatwar.history.Sanction;
import dev.chatwar.protocol.Request;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The rooms' rules, enforced: a banned user does not get in, a muted one does not write. Every send asks, so each
 * node keeps the rules of the rooms it was asked about, read once from the store and read again when a moderation
 * event of the room is stored on any node, or after a minute (in case the news of one was lost).
 */
public final class Moderation {

    /** How long a room's rules are trusted without news of a change. */
    static final long TRUST_MILLIS = 60_000;
    /** Rooms whose rules a node keeps; more, and those read longest ago are dropped. */
    static final int MAX_ROOMS = 10_000;

    private final EventStore store;
    private final Set<UserName> serverModerators;
    private final Clock clock;
    private final Map<RoomName, Known> known = new ConcurrentHashMap<>();
    private final Object[] claims = new Object[64];

    private record Known(RoomRules rules, long readAtMillis) {
    }

    public Moderation(EventStore store, Set<UserName> serverModerators, Clock clock) {
        this.store = store;
        this.serverModerators = Set.copyOf(serverModerators);
        this.clock = clock;
        for (int i = 0; i < claims.length; i++) {
            claims[i] = new Object();
        }
    }

    public boolean isServerModerator(UserName user) {
        return serverModerators.contains(user);
    }

    /** The room's rules, as this node knows them; a direct-message room has none. */
    public RoomRules rules(RoomName room) {
        if (room.isDirect()) {
            return RoomRules.NONE;
        }
        long now = clock.millis();
        Known rules = known.get(room);
        if (rules == null || now - rules.readAtMillis() > TRUST_MILLIS) {
            rules = new Known(store.rules(room), now);
            if (known.size() >= MAX_ROOMS) {
                known.values().removeIf(old -> now - old.readAtMillis() > TRUST_MILLIS);
                if (known.size() >= MAX_ROOMS) {
                    known.clear();
                }
            }
            known.put(room, rules);
        }
        return rules.rules();
    }

    /** A stored event, from this node or another: one of moderation makes the room's rules be read again. */
    public void seen(RoomEvent event) {
        if (event.kind() == RoomEvent.Kind.MODERATION) {
            known.remove(event.room());
        }
    }

    /** The ban of the user from the room, if one is in force. */
    public Optional<Sanction> ban(UserName user, RoomName room) {
        return rules(room).ban(user, clock.instant());
    }

    /** Refuses a user banned from the room with {@code banned}. */
    public void requireNotBanned(UserName user, RoomName room) {
        Optional<Sanction> ban = ban(user, room);
        if (ban.isPresent()) {
            throw new ChatException(ErrorCode.BANNED, "banned from room '" + room + "'" + until(ban.get()));
        }
    }

    /** Refuses with {@code muted} a user muted in the room, and with {@code banned} one banned from it. */
    public void requireMayWrite(UserName user, RoomName room) {
        RoomRules rules = rules(room);
        Instant now = clock.instant();
        if (rules.ban(user, now).isPresent()) {
            throw new ChatException(ErrorCode.BANNED, "banned from room '" + room + "'");
        }
        Optional<Sanction> mute = rules.mute(user, now);
        if (mute.isPresent()) {
            throw new ChatException(ErrorCode.MUTED, "muted in room '" + room + "'" + until(mute.get()));
        }
    }

    /** Whether the user may retract another's message in the room: a moderator of it, or of the server. */
    public boolean mayRetractOthers(UserName user, RoomName room) {
        return rank(user, room).compareTo(Rank.MODERATOR) >= 0;
    }

    /** Refuses with {@code not_allowed} a user who moderates nothing in the room, as the rules known here say. */
    public void requireMayModerate(UserName user, RoomName room) {
        if (!room.isDirect() && rank(user, room) == Rank.MEMBER) {
            throw new ChatException(ErrorCode.NOT_ALLOWED, "only the room's owner or moderators may do that");
        }
    }

    /** The user's standing in the room. */
    public Rank rank(UserName user, RoomName room) {
        return Rank.of(user, rules(room), serverModerators);
    }

    /**
     * The moderation event the actor may store, checked against the room's rules as the store holds them now.
     *
     * @param target         the target's name as registered
     * @param targetIsMember whether the target is a member of the room now
     */
    public Append.Moderation act(UserName actor, Request.Moderate request, UserName target, boolean targetIsMember) {
        RoomRules rules = store.rules(request.room());
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        ModerationPolicy.check(request.room(), request.action(), actor, Rank.of(actor, rules, serverModerators),
                target, Rank.of(target, rules, serverModerators), targetIsMember, rules, now);
        Instant until = request.durationSeconds() == null ? null : now.plusSeconds(request.durationSeconds());
        return new Append.Moderation(request.room(), actor, new ModeratorAct(request.action(), target, until),
                request.reason(), now);
    }

    /** The user made the room, or was the first to join it: it owns the room, unless someone does already. */
    public void claim(RoomName room, UserName user) {
        if (room.isDirect() || room.equals(RoomName.LOBBY) || rules(room).owner() != null) {
            return;
        }
        // the first members of a room join at once: one claim at a time per room on this node, so that the others
        // find the owner instead of breaking the key (which the provider logs as an error); only nodes can race
        synchronized (claims[Math.floorMod(room.hashCode(), claims.length)]) {
            try {
                store.claimOwner(room, user, clock.instant());
            } catch (RuntimeException claimedMeanwhile) { // another node's first member won
                // the owner is read again below
            }
        }
        known.remove(room);
    }

    private static String until(Sanction sanction) {
        return sanction.until() == null ? "" : " until " + sanction.until();
    }
}
