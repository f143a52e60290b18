package dev.chatwar.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chatwar.base.ChatException;
import dev.chatwar.base.ErrorCode;
import dev.chatwar.base.UserName;
import dev.chatwar.support.InMemoryAccountStore;
import dev.chatwar.support.TestClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class AccountsTest {

    private static final String ADDRESS = "192.0.2.1";

    private final InMemoryAccountStore store = new InMemoryAccountStore();
    private final TestClock clock = new TestClock();
    private final Accounts accounts = new Accounts(store, new PasswordHash(1000), clock, Duration.ofHours(8));

    private static ErrorCode refusal(Runnable action) {
        return assertThrows(ChatException.class, action::run).code();
    }

    @Test
    void aRegisteredUserSignsInWithTheRightPasswordOnly() {
        accounts.register("alice", "correct horse");
        Accounts.Login login = accounts.login("alice", "correct horse", null, ADDRESS);
        assertEquals(new UserName("alice"), accounts.authenticate(login.token()).orElseThrow().user());
        assertEquals(ErrorCode.BAD_CREDENTIALS, refusal(() -> accounts.login("alice", "wrong horse", null, ADDRESS)));
        assertEquals(ErrorCode.BAD_CREDENTIALS, refusal(() -> accounts.login("nobody", "correct horse", null, ADDRESS)));
        assertEquals(ErrorCode.BAD_CREDENTIALS, refusal(() -> accounts.login("alice", null, null, ADDRESS)));
    }

    @Test
    void aVerifiedTokenIsAnsweredWithoutTheStoreUntilItsSessionEndsHereOrElsewhere() {
        accounts.register("alice", "correct horse");
        Accounts.Login login = accounts.login("alice", "correct horse", null, ADDRESS);
        accounts.authenticate(login.token()).orElseThrow();
        int lookups = store.sessionLookups();
        for (int i = 0; i < 10; i++) {
            assertTrue(accounts.authenticate(login.token()).isPresent());
        }
        assertEquals(lookups, store.sessionLookups(), "ten handshakes with a known token, no lookup");

        clock.advance(Accounts.CACHE_TTL);
        assertTrue(accounts.authenticate(login.token()).isPresent());
        assertEquals(lookups + 1, store.sessionLookups(), "trusted for the cache's ttl, then looked up again");

        accounts.ended(login.session().id());
        assertTrue(accounts.authenticate(login.token()).isPresent(), "still in the store: only this node forgot it");
        accounts.logout(login.session());
        assertTrue(accounts.authenticate(login.token()).isEmpty(), "signed out: refused at once");
        assertTrue(accounts.authenticate("made-up-token").isEmpty());
    }

    @Test
    void passwordsAreStoredSaltedAndHashedNeverAsGiven() {
        accounts.register("alice", "same password");
        accounts.register("bob", "same password");
        String alice = store.storedHashOf("alice");
        assertFalse(alice.contains("same password"));
        assertTrue(alice.startsWith("pbkdf2-sha256$1000$"));
        assertNotEquals(alice, store.storedHashOf("bob"));
    }

    @Test
    void theDefaultHashCostFollowsCurrentAdvice() {
        assertEquals(600_000, PasswordHash.DEFAULT_ITERATIONS);
        PasswordHash cheap = new PasswordHash(1000);
        assertTrue(new PasswordHash(2000).matches("pw", cheap.hash("pw")), "the cost is read from the stored hash");
        assertFalse(cheap.matches("pw", "md5$x"));
    }

    @Test
    void registrationRefusesTakenNamesBadNamesAndWeakPasswords() {
        accounts.register("alice", "long enough");
        assertEquals(ErrorCode.USER_TAKEN, refusal(() -> accounts.register("alice", "another one")));
        assertEquals(ErrorCode.INVALID_USER, refusal(() -> accounts.register("two words", "long enough")));
        assertEquals(ErrorCode.MISSING_FIELD, refusal(() -> accounts.register(null, "long enough")));
        assertEquals(ErrorCode.WEAK_PASSWORD, refusal(() -> accounts.register("bob", "short")));
        assertEquals(ErrorCode.WEAK_PASSWORD, refusal(() -> accounts.register("bob", "x".repeat(129))));
    }

    @Test
    void aSessionLastsItsLifetimeCappedByTheMaximum() {
        accounts.register("alice", "correct horse");
        Accounts.Login brief = accounts.login("alice", "correct horse", Duration.ofSeconds(60), ADDRESS);
        Accounts.Login greedy = accounts.login("alice", "correct horse", Duration.ofDays(30), ADDRESS);
        assertEquals(clock.instant().plus(Duration.ofHours(8)), greedy.session().expiresAt());
        clock.advance(Duration.ofSeconds(60));
        assertTrue(accounts.authenticate(brief.token()).isEmpty(), "expired");
        assertTrue(accounts.authenticate(greedy.token()).isPresent());
        assertEquals(1, accounts.forgetExpired());
        assertEquals(ErrorCode.INVALID_FIELD,
                refusal(() -> accounts.login("alice", "correct horse", Duration.ofSeconds(0), ADDRESS)));
    }

    @Test
    void onlyTheTokensHashIsStoredAndLogoutEndsTheSession() {
        accounts.register("alice", "correct horse");
        Accounts.Login login = accounts.login("alice", "correct horse", null, ADDRESS);
        assertNotEquals(login.token(), login.session().id());
        assertTrue(accounts.authenticate(login.session().id()).isEmpty(), "the stored id is no credential");
        accounts.logout(login.session());
        assertTrue(accounts.authenticate(login.token()).isEmpty());
        assertTrue(accounts.authenticate("forged").isEmpty());
        assertTrue(accounts.authenticate(null).isEmpty());
    }

    @Test
    void aTicketOpensOneHandshakeWithinItsLifetime() {
        accounts.register("alice", "correct horse");
        AuthSession session = accounts.login("alice", "correct horse", null, ADDRESS).session();
        String ticket = accounts.ticket(session);
        assertEquals(session, accounts.redeem(ticket).orElseThrow());
        assertTrue(accounts.redeem(ticket).isEmpty(), "used up");

        String late = accounts.ticket(session);
        clock.advance(Accounts.TICKET_LIFETIME);
        assertTrue(accounts.redeem(late).isEmpty(), "expired");

        String orphan = accounts.ticket(session);
        accounts.logout(session);
        assertTrue(accounts.redeem(orphan).isEmpty(), "its session ended");
    }

    @Test
    void repeatedFailedSignInsOfANameLockItOutForAMinute() {
        accounts.register("alice", "correct horse");
        for (int i = 0; i < LoginThrottle.MAX_FAILURES_PER_USER; i++) {
            assertEquals(ErrorCode.BAD_CREDENTIALS, refusal(() -> accounts.login("alice", "guess", null, "192.0.2.9")));
        }
        assertEquals(ErrorCode.RATE_LIMITED, refusal(() -> accounts.login("alice", "correct horse", null, ADDRESS)),
                "even the right password waits while the name is locked");
        clock.advance(LoginThrottle.LOCKOUT);
        accounts.login("alice", "correct horse", null, ADDRESS);
        assertEquals(ErrorCode.BAD_CREDENTIALS, refusal(() -> accounts.login("alice", "guess", null, ADDRESS)),
                "a success starts the count afresh");
    }

    @Test
    void manyFailedSignInsFromOneAddressLockItOut() {
        accounts.register("alice", "correct horse");
        for (int i = 0; i < LoginThrottle.MAX_FAILURES_PER_ADDRESS; i++) {
            int guess = i;
            assertEquals(ErrorCode.BAD_CREDENTIALS, refusal(() -> accounts.login("user" + guess, "guess", null, ADDRESS)));
        }
        assertEquals(ErrorCode.RATE_LIMITED, refusal(() -> accounts.login("alice", "correct horse", null, ADDRESS)));
        accounts.login("alice", "correct horse", null, "192.0.2.200");
    }

    @Test
    void theCredentialOfARequestIsTakenByPrecedence() {
        assertEquals(new Credential(Credential.Source.BEARER, "t1"), Credential.presented("Bearer t1", "k", "c").orElseThrow());
        assertEquals(new Credential(Credential.Source.BEARER, ""), Credential.presented("Basic eDp5", null, "c").orElseThrow());
        assertEquals(new Credential(Credential.Source.TICKET, "k"), Credential.presented(null, "k", "c").orElseThrow());
        assertEquals(new Credential(Credential.Source.COOKIE, "c"), Credential.presented(null, null, "c").orElseThrow());
        assertTrue(Credential.presented(null, null, null).isEmpty());
    }
}
