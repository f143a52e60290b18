package dev.chatwar.identity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;

/** A row of the auth_ticket table (db/migration/V7__tickets.sql). */
@Entity
@Table(name = "auth_ticket")
@NamedQuery(name = StoredTicket.TAKE, query = "delete from StoredTicket t where t.id = :id")
@NamedQuery(name = StoredTicket.DELETE_OF_USER_BUT, query = "delete from StoredTicket t where t.sessionId <> :keep"
        + " and t.sessionId in (select s.id from StoredSession s where s.username = :user)")
@NamedQuery(name = StoredTicket.DELETE_EXPIRED, query = "delete from StoredTicket t where t.expiresAt <= :now")
@NamedQuery(name = StoredTicket.COUNT, query = "select count(t) from StoredTicket t")
@NamedQuery(name = StoredTicket.COUNT_OF_USER, query = "select count(t) from StoredTicket t where t.expiresAt > :now"
        + " and t.sessionId in (select s.id from StoredSession s where s.username = :user)")
public class StoredTicket {

    static final String TAKE = "StoredTicket.take";
    static final String DELETE_OF_USER_BUT = "StoredTicket.deleteOfUserBut";
    static final String DELETE_EXPIRED = "StoredTicket.deleteExpired";
    static final String COUNT = "StoredTicket.count";
    static final String COUNT_OF_USER = "StoredTicket.countOfUser";

    @Id
    @Column(length = 64)
    private String id;

    @Column(name = "session_id", nullable = false, length = 64)
    private String sessionId;

    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;

    protected StoredTicket() {
    }

    StoredTicket(String id, String sessionId, Instant expiresAt) {
        this.id = id;
        this.sessionId = sessionId;
        this.expiresAt = expiresAt;
    }

    String sessionId() {
        return sessionId;
    }

    boolean expired(Instant now) {
        return !now.isBefore(expiresAt);
    }
}
