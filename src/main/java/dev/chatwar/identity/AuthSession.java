package dev.chatwar.identity;

import dev.chatwar.base.UserName;
import java.time.Instant;

/**
 * A signed-in user's session. {@code id} is the SHA-256 of its token: enough to find and end the session,
 * useless to present as a credential.
 */
public record AuthSession(String id, UserName user, Instant expiresAt) {

    public boolean expired(Instant now) {
        return !now.isBefore(expiresAt);
    }
}
