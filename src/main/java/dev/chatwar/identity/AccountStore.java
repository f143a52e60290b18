package dev.chatwar.identity;

import dev.chatwar.base.UserName;
import java.time.Instant;
import java.util.Optional;

/** Where accounts and their sessions are kept. */
public interface AccountStore {

    /** An account as registered: its name as its user spelled it, and its password hash. */
    record Registered(UserName name, String passwordHash) {
    }

    /** Creates the account; false when the name is taken, in any case. */
    boolean createAccount(UserName user, String passwordHash, Instant createdAt);

    /** The account of the name spelled exactly so, else of the name in any case. */
    Optional<Registered> account(UserName user);

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
}
