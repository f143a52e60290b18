package dev.chatwar.identity;

import dev.chatwar.base.ChatException;
import dev.chatwar.base.ErrorCode;
import dev.chatwar.base.UserName;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Bans from the whole server, which only server moderators give and lift. A banned user's sessions end, and it
 * cannot sign in until the ban is over: a sign-in with the right password is answered {@code banned}.
 */
public final class ServerBans {

    private static final Logger LOG = Logger.getLogger(ServerBans.class.getName());

    /** The most bans a list shows, newest first. */
    public static final int MAX_LISTED = 1000;

    private final AccountStore store;
    private final Set<UserName> serverModerators;
    private final Clock clock;
    private final SessionCache verified;

    ServerBans(AccountStore store, Set<UserName> serverModerators, Clock clock, SessionCache verified) {
        this.store = store;
        this.serverModerators = Set.copyOf(serverModerators);
        this.clock = clock;
        this.verified = verified;
    }

    /** A ban given, and the ids of the sessions it ended, whose sockets the caller closes. */
    public record Banned(ServerBan ban, List<String> endedSessions) {
    }

    /**
     * Bans the target (its name in any case), for {@code durationSeconds} or until lifted (null). A server
     * moderator cannot ban another, nor itself.
     */
    public Banned ban(UserName actor, UserName target, Long durationSeconds, String reason) {
        requireServerModerator(actor);
        UserName registered = store.account(target).map(AccountStore.Registered::name).orElseThrow(() ->
                new ChatException(ErrorCode.NOT_FOUND, "no user named '" + target + "'"));
        if (serverModerators.contains(registered)) {
            throw new ChatException(ErrorCode.NOT_ALLOWED, "a server moderator cannot be banned from the server");
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        ServerBan ban = new ServerBan(registered, actor, now,
                durationSeconds == null ? null : now.plusSeconds(durationSeconds), reason);
        List<String> ended = store.banFromServer(ban);
        ended.forEach(verified::forget);
        LOG.info(() -> "server ban user=" + registered + " by=" + actor + " until=" + ban.until()
                + " sessions ended=" + ended.size());
        return new Banned(ban, ended);
    }

    /** Lifts the user's ban: {@code no_change} if it had none in force. */
    public void lift(UserName actor, UserName target) {
        requireServerModerator(actor);
        UserName registered = store.account(target).map(AccountStore.Registered::name).orElse(target);
        boolean inForce = store.serverBan(registered).filter(ban -> ban.inForce(clock.instant())).isPresent();
        if (!store.liftServerBan(registered) || !inForce) {
            throw new ChatException(ErrorCode.NO_CHANGE, "'" + target + "' is not banned from the server");
        }
        LOG.info(() -> "server ban lifted user=" + registered + " by=" + actor);
    }

    /** The bans in force, newest first. */
    public List<ServerBan> list(UserName actor) {
        requireServerModerator(actor);
        Instant now = clock.instant();
        return store.serverBans(MAX_LISTED).stream().filter(ban -> ban.inForce(now)).toList();
    }

    /** Refuses a banned user's sign-in with {@code banned}; asked only once its password proved right. */
    void requireNotBanned(UserName user) {
        store.serverBan(user).filter(ban -> ban.inForce(clock.instant())).ifPresent(ban -> {
            throw new ChatException(ErrorCode.BANNED, "banned from this server"
                    + (ban.until() == null ? "" : " until " + ban.until()));
        });
    }

    private void requireServerModerator(UserName actor) {
        if (!serverModerators.contains(actor)) {
            throw new ChatException(ErrorCode.NOT_ALLOWED, "only a server moderator may do that");
        }
    }
}
