package dev.chatwar.identity;

import dev.chatwar.base.UserName;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A row of the account table (db/migration/V3__accounts.sql). */
@Entity
@Table(name = "account")
public class StoredAccount {

    @Id
    @Column(length = UserName.MAX_LENGTH)
    private String username;

    @Column(name = "password_hash", nullable = false, length = 200)
    private String passwordHash;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected StoredAccount() {
    }

    StoredAccount(UserName user, String passwordHash, Instant createdAt) {
        this.username = user.value();
        this.passwordHash = passwordHash;
        this.createdAt = createdAt;
    }

    String passwordHash() {
        return passwordHash;
    }
}
