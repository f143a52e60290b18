package dev.chatwar.identity;

import dev.chatwar.base.UserName;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;

/** A row of the account table (db/migration/V3__accounts.sql, with V9's name key). */
@Entity
@Table(name = "account")
@NamedQuery(name = StoredAccount.BY_KEY, query = "select a from StoredAccount a where a.nameKey = :key")
@NamedQuery(name = StoredAccount.BY_KEYS, query = "select a from StoredAccount a where a.nameKey in :keys")
public class StoredAccount {

    static final String BY_KEY = "StoredAccount.byKey";
    static final String BY_KEYS = "StoredAccount.byKeys";

    @Id
    @Column(length = UserName.MAX_LENGTH)
    private String username;

    @Column(name = "name_key", nullable = false, length = 40)
    private String nameKey;

    @Column(name = "password_hash", nullable = false, length = 200)
    private String passwordHash;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "display_name", length = DisplayName.MAX_LENGTH)
    private String displayName;

    protected StoredAccount() {
    }

    StoredAccount(UserName user, String passwordHash, Instant createdAt) {
        this.username = user.value();
        this.nameKey = user.key();
        this.passwordHash = passwordHash;
        this.createdAt = createdAt;
    }

    void showAs(String displayName) {
        this.displayName = displayName;
    }

    AccountStore.Profile profile() {
        return new AccountStore.Profile(new UserName(username), displayName);
    }

    void replaceHash(String passwordHash) {
        this.passwordHash = passwordHash;
    }

    AccountStore.Registered registered() {
        return new AccountStore.Registered(new UserName(username), passwordHash);
    }
}
