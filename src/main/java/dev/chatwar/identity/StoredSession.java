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
@NamedQuery(name = StoredSession.IDS_OF_USER, query = "select s.id from StoredSession s where s.username = :user")
@NamedQuery(name = StoredSession.DELETE_OF_USER_BUT, query = "delete from StoredSession s where s.username = :user"
        + " and s.id <> :keep")
public class StoredSession {

    static final String DELETE_EXPIRED = "StoredSession.deleteExpired";
    static final String IDS_OF_USER = "StoredSession.idsOfUser";
    static final String DELETE_OF_USER_BUT = "StoredSession.deleteOfUserBut";

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
