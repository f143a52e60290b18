package dev.chatwar.identity;

import java.time.Instant;
import java.util.Optional;

/** Where accounts and their sessions are kept. */
public interface AccountStore {

    /** Creates the account; false when the name is taken. */
    boolean createAccount(UserName user, String passwordHash, Instant createdAt);

    Optional<String> passwordHash(UserName user);

    void saveSession(AuthSession session, Instant createdAt);

    Optional<AuthSession> session(String id);

    void deleteSession(String id);

    /** Removes sessions that expired before {@code now}; returns how many. */
    int deleteExpiredSessions(Instant now);
}
