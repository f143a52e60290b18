package dev.chatwar.identity;

import dev.chatwar.base.UserName;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;

/** A row of the auth_session table (db/migration/V3__accounts.sql). */
@Entity
@Table(name = "auth_session")
@NamedQuery(name = StoredSession.DELETE_EXPIRED, query = "delete from StoredSession s where s.expiresAt <= :now")
public class StoredSession {

    static final String DELETE_EXPIRED = "StoredSession.deleteExpired";

    @Id
    @Column(length = 64)
    private String id;

    @Column(nullable = false, length = UserName.MAX_LENGTH)
    private String username;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;

    protected StoredSession() {
    }

    StoredSession(AuthSession session, Instant createdAt) {
        this.id = session.id();
        this.username = session.user().value();
        this.createdAt = createdAt;
        this.expiresAt = session.expiresAt();
    }

    AuthSession toSession() {
        return new AuthSession(id, new UserName(username), expiresAt);
    }
}
