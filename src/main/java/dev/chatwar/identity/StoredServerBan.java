package dev.chatwar.identity;

import dev.chatwar.base.UserName;
import dev.chatwar.history.UtcOffsetInstantConverter;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;

/** A row of the server_ban table (db/migration/V11__moderation.sql). */
@Entity
@Table(name = "server_ban")
@NamedQuery(name = StoredServerBan.NEWEST, query = "select b from StoredServerBan b order by b.since desc, b.username")
public class StoredServerBan {

    static final String NEWEST = "StoredServerBan.newest";

    @Id
    @Column(length = 32)
    private String username;

    @Column(name = "by_user", nullable = false, length = 32)
    private String by;

    @Column(nullable = false)
    @Convert(converter = UtcOffsetInstantConverter.class)
    private Instant since;

    @Column(name = "until_at")
    @Convert(converter = UtcOffsetInstantConverter.class)
    private Instant until;

    @Column(length = 200)
    private String reason;

    protected StoredServerBan() {
    }

    StoredServerBan(String username) {
        this.username = username;
    }

    void set(ServerBan ban) {
        this.by = ban.by().value();
        this.since = ban.at();
        this.until = ban.until();
        this.reason = ban.reason();
    }

    ServerBan toBan() {
        return new ServerBan(new UserName(username), new UserName(by), since, until, reason);
    }
}
