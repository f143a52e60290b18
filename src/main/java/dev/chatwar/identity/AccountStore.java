package dev.chatwar.identity;

import dev.chatwar.base.UserName;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Where accounts and their sessions are kept. */
public interface AccountStore {

    /** An account as registered: its name as its user spelled it, and its password hash. */
    record Registered(UserName name, String passwordHash) {
    }

    /** A user's name as registered, and the name it chose to be shown as (null: none). */
    record Profile(UserName user, String displayName) {
    }

    /** Sets the name the user is shown as (null: none); false when there is no such account. */
    boolean setDisplayName(UserName user, String displayName);

    /** The profiles of the accounts whose name keys are given; names nobody has are left out. */
    List<Profile> profiles(Collection<String> keys);

    /** Creates the account; false when the name is taken, in any case. */
    boolean createAccount(UserName user, String passwordHash, Instant createdAt);

    /** The account of the name spelled exactly so, else of the name in any case. */
    Optional<Registered> account(UserName user);

    /**
     * Replaces the account's password hash and removes every session of the user but {@code keepSessionId},
     * with their tickets: the ids of the sessions removed.
     */
    List<String> changePassword(UserName user, String passwordHash, String keepSessionId);

    /** Puts {@code closedMarker} in place of the account's password hash and removes every session of the user,
     * with their tickets: their ids. The account's row stays, so its name stays taken. */
    List<String> closeAccount(UserName user, String closedMarker);

    void saveSession(AuthSession session, Instant createdAt);

    Optional<AuthSession> session(String id);

    void deleteSession(String id);

    /** Removes sessions that expired before {@code now}, and their tickets; returns how many sessions. */
    int deleteExpiredSessions(Instant now);

    void saveTicket(String id, String sessionId, Instant expiresAt);

    /**
     * The session of the ticket, if it has not expired; the ticket is removed either way. Of two nodes taking
     * the same ticket at once, one gets the session.
     */
    Optional<String> takeTicket(String id, Instant now);

    long ticketCount();

    /** Tickets of the user's sessions that have not expired. */
    long ticketCount(UserName user, Instant now);

    int deleteExpiredTickets(Instant now);

    /** Bans the user from the server, or replaces its ban; removes every session of the user: their ids. */
    List<String> banFromServer(ServerBan ban);

    /** Lifts the user's server ban; false when it had none. */
    boolean liftServerBan(UserName user);

    /** The user's server ban, over or not. */
    Optional<ServerBan> serverBan(UserName user);

    /** The newest server bans, over or not, at most {@code max}. */
    List<ServerBan> serverBans(int max);
}
