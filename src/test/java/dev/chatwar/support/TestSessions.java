package dev.chatwar.support;

import dev.chatwar.base.UserName;
import dev.chatwar.identity.AuthSession;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Signed-in sessions for unit tests: one a day long, or one that ends when the test says. */
public final class TestSessions {

    private TestSessions() {
    }

    public static AuthSession of(String user) {
        return until(user, Instant.now().plus(1, ChronoUnit.DAYS));
    }

    public static AuthSession until(String user, Instant expiresAt) {
        return new AuthSession("session-of-" + user + "-" + expiresAt.toEpochMilli(), new UserName(user), expiresAt);
    }
}
