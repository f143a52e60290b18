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
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
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
    void aServerBanEndsEverySessionAndRefusesTheRightPasswordUntilItIsOver() {
        Accounts moderated = new Accounts(store, new PasswordHash(1000), clock, Duration.ofHours(8), 20,
                java.util.Set.of(new UserName("root")));
        moderated.register("root", "correct horse", ADDRESS);
        moderated.register("Mallory", "correct horse", ADDRESS);
        Accounts.Login login = moderated.login("mallory", "correct horse", null, ADDRESS, null);
        UserName root = new UserName("root");
        ServerBans bans = moderated.serverBans();

        assertEquals(ErrorCode.NOT_ALLOWED, refusal(() -> bans.ban(new UserName("Mallory"), root, null, null)));
        assertEquals(ErrorCode.NOT_ALLOWED, refusal(() -> bans.ban(root, root, null, null)), "not another moderator");
        ServerBans.Banned banned = bans.ban(root, new UserName("MALLORY"), 3600L, "abuse");
        assertEquals(new UserName("Mallory"), banned.ban().user(), "as registered");
        assertEquals(java.util.List.of(login.session().id()), banned.endedSessions());
        assertTrue(moderated.authenticate(login.token()).isEmpty());
        assertEquals(ErrorCode.BANNED, refusal(() -> moderated.login("mallory", "correct horse", null, ADDRESS, null)));
        assertEquals(ErrorCode.BAD_CREDENTIALS, refusal(() -> moderated.login("mallory", "wrong horse", null, ADDRESS,
                null)), "only the right password learns of the ban");
        assertEquals(1, bans.list(root).size());

        clock.advance(Duration.ofHours(1));
        assertTrue(bans.list(root).isEmpty(), "over by itself");
        moderated.login("mallory", "correct horse", null, ADDRESS, null);
        assertEquals(ErrorCode.NO_CHANGE, refusal(() -> bans.lift(root, new UserName("Mallory"))));
    }

    @Test
    void aRegisteredUserSignsInWithTheRightPasswordOnly() {
        accounts.register("alice", "correct horse", ADDRESS);
        Accounts.Login login = accounts.login("alice", "correct horse", null, ADDRESS, null);
        assertEquals(new UserName("alice"), accounts.authenticate(login.token()).orElseThrow().user());
        assertEquals(ErrorCode.BAD_CREDENTIALS, refusal(() -> accounts.login("alice", "wrong horse", null, ADDRESS, null)));
        assertEquals(ErrorCode.BAD_CREDENTIALS, refusal(() -> accounts.login("nobody", "correct horse", null, ADDRESS, null)));
        assertEquals(ErrorCode.BAD_CREDENTIALS, refusal(() -> accounts.login("alice", null, null, ADDRESS, null)));
    }

    @Test
    void aVerifiedTokenIsAnsweredWithoutTheStoreUntilItsSessionEndsHereOrElsewhere() {
        accounts.register("alice", "correct horse", ADDRESS);
        Accounts.Login login = accounts.login("alice", "correct horse", null, ADDRESS, null);
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
        accounts.register("alice", "same password", ADDRESS);
        accounts.register("bob", "same password", ADDRESS);
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
        accounts.register("alice", "long enough", ADDRESS);
        assertEquals(ErrorCode.USER_TAKEN, refusal(() -> accounts.register("alice", "another one", ADDRESS)));
        assertEquals(ErrorCode.INVALID_USER, refusal(() -> accounts.register("two words", "long enough", ADDRESS)));
        assertEquals(ErrorCode.MISSING_FIELD, refusal(() -> accounts.register(null, "long enough", ADDRESS)));
        assertEquals(ErrorCode.WEAK_PASSWORD, refusal(() -> accounts.register("bob", "short", ADDRESS)));
        assertEquals(ErrorCode.WEAK_PASSWORD, refusal(() -> accounts.register("bob", "x".repeat(129), ADDRESS)));
    }

    @Test
    void namesAreUniqueIgnoringCaseAndKeepTheSpellingTheirUserChose() {
        accounts.register("Alice", "correct horse", ADDRESS);
        assertEquals(ErrorCode.USER_TAKEN, refusal(() -> accounts.register("alice", "another one", ADDRESS)));
        assertEquals(ErrorCode.USER_TAKEN, refusal(() -> accounts.register("ALICE", "another one", ADDRESS)));
        assertEquals("Alice", accounts.login("aLiCe", "correct horse", null, ADDRESS, null).session().user().value());
        for (int i = 0; i < LoginThrottle.MAX_FAILURES_PER_USER; i++) {
            String spelling = i % 2 == 0 ? "alice" : "ALICE";
            refusal(() -> accounts.login(spelling, "guess", null, "198.51.100.3", null));
        }
        assertEquals(ErrorCode.RATE_LIMITED, refusal(() -> accounts.login("Alice", "correct horse", null, ADDRESS, null)),
                "one name, one lockout, however it is spelled");
    }

    @Test
    void oneAddressRegistersOnlySoManyAccountsWithoutAPause() {
        for (int i = 0; i < Accounts.DEFAULT_REGISTRATIONS_PER_ADDRESS; i++) {
            accounts.register("user" + i, "long enough", ADDRESS);
        }
        assertEquals(ErrorCode.RATE_LIMITED, refusal(() -> accounts.register("one-more", "long enough", ADDRESS)));
        accounts.register("elsewhere", "long enough", "198.51.100.1");
        clock.advance(Accounts.REGISTRATION_PAUSE);
        accounts.register("one-more", "long enough", ADDRESS);
    }

    @Test
    void aSessionLastsItsLifetimeCappedByTheMaximum() {
        accounts.register("alice", "correct horse", ADDRESS);
        Accounts.Login brief = accounts.login("alice", "correct horse", Duration.ofSeconds(60), ADDRESS, null);
        Accounts.Login greedy = accounts.login("alice", "correct horse", Duration.ofDays(30), ADDRESS, null);
        assertEquals(clock.instant().plus(Duration.ofHours(8)), greedy.session().expiresAt());
        clock.advance(Duration.ofSeconds(60));
        assertTrue(accounts.authenticate(brief.token()).isEmpty(), "expired");
        assertTrue(accounts.authenticate(greedy.token()).isPresent());
        assertEquals(1, accounts.forgetExpired());
        assertEquals(ErrorCode.INVALID_FIELD,
                refusal(() -> accounts.login("alice", "correct horse", Duration.ofSeconds(0), ADDRESS, null)));
    }

    @Test
    void onlyTheTokensHashIsStoredAndLogoutEndsTheSession() {
        accounts.register("alice", "correct horse", ADDRESS);
        Accounts.Login login = accounts.login("alice", "correct horse", null, ADDRESS, null);
        assertNotEquals(login.token(), login.session().id());
        assertTrue(accounts.authenticate(login.session().id()).isEmpty(), "the stored id is no credential");
        accounts.logout(login.session());
        assertTrue(accounts.authenticate(login.token()).isEmpty());
        assertTrue(accounts.authenticate("forged").isEmpty());
        assertTrue(accounts.authenticate(null).isEmpty());
    }

    @Test
    void aTicketOpensOneHandshakeWithinItsLifetime() {
        accounts.register("alice", "correct horse", ADDRESS);
        AuthSession session = accounts.login("alice", "correct horse", null, ADDRESS, null).session();
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
    void oneUserCannotHoldMoreThanItsShareOfUnusedTickets() {
        accounts.register("alice", "correct horse", ADDRESS);
        accounts.register("bob", "battery staple", ADDRESS);
        AuthSession first = accounts.login("alice", "correct horse", null, ADDRESS, null).session();
        AuthSession second = accounts.login("alice", "correct horse", null, ADDRESS, null).session();
        for (int i = 0; i < Accounts.MAX_OPEN_TICKETS_PER_USER; i++) {
            accounts.ticket(i % 2 == 0 ? first : second);
        }
        assertEquals(ErrorCode.RATE_LIMITED, refusal(() -> accounts.ticket(second)), "counted over all its sessions");
        accounts.ticket(accounts.login("bob", "battery staple", null, ADDRESS, null).session());
        clock.advance(Accounts.TICKET_LIFETIME);
        accounts.ticket(first);
    }

    @Test
    void repeatedFailedSignInsOfANameLockItOutForAMinute() {
        accounts.register("alice", "correct horse", ADDRESS);
        for (int i = 0; i < LoginThrottle.MAX_FAILURES_PER_USER; i++) {
            assertEquals(ErrorCode.BAD_CREDENTIALS, refusal(() -> accounts.login("alice", "guess", null, "192.0.2.9", null)));
        }
        assertEquals(ErrorCode.RATE_LIMITED, refusal(() -> accounts.login("alice", "correct horse", null, ADDRESS, null)),
                "even the right password waits while the name is locked");
        clock.advance(LoginThrottle.LOCKOUT);
        accounts.login("alice", "correct horse", null, ADDRESS, null);
        assertEquals(ErrorCode.BAD_CREDENTIALS, refusal(() -> accounts.login("alice", "guess", null, ADDRESS, null)),
                "a success starts the count afresh");
    }

    @Test
    void manyFailedSignInsFromOneAddressLockItOut() {
        accounts.register("alice", "correct horse", ADDRESS);
        for (int i = 0; i < LoginThrottle.MAX_FAILURES_PER_ADDRESS; i++) {
            int guess = i;
            assertEquals(ErrorCode.BAD_CREDENTIALS, refusal(() -> accounts.login("user" + guess, "guess", null, ADDRESS, null)));
        }
        assertEquals(ErrorCode.RATE_LIMITED, refusal(() -> accounts.login("alice", "correct horse", null, ADDRESS, null)));
        accounts.login("alice", "correct horse", null, "192.0.2.200", null);
    }

    @Test
    void guessesArrivingTogetherAreCountedBeforeAnyIsChecked() throws Exception {
        accounts.register("alice", "correct horse", ADDRESS);
        int guesses = 40;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(guesses);
        try {
            List<Future<ErrorCode>> answers = new ArrayList<>();
            for (int i = 0; i < guesses; i++) {
                String password = "guess " + i;
                answers.add(pool.submit(() -> {
                    start.await();
                    try {
                        accounts.login("alice", password, null, "192.0.2." + password.length(), null);
                        return null;
                    } catch (ChatException refused) {
                        return refused.code();
                    }
                }));
            }
            start.countDown();
            int checked = 0;
            for (Future<ErrorCode> answer : answers) {
                ErrorCode code = answer.get(30, TimeUnit.SECONDS);
                checked += code == ErrorCode.RATE_LIMITED ? 0 : 1;
            }
            assertEquals(LoginThrottle.MAX_FAILURES_PER_USER, checked, "only the limit's worth of passwords is tried");
            assertEquals(ErrorCode.RATE_LIMITED, refusal(() -> accounts.login("alice", "correct horse", null, ADDRESS,
                    null)), "and the right one, coming next, waits too");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aSuccessClearsItsOwnNameOnlyNeverTheAddresssOtherFailures() {
        accounts.register("mallory", "own password", ADDRESS);
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < LoginThrottle.MAX_FAILURES_PER_USER - 1; i++) {
                int guess = round * 10 + i;
                assertEquals(ErrorCode.BAD_CREDENTIALS,
                        refusal(() -> accounts.login("victim" + guess, "guess", null, ADDRESS, null)));
            }
            accounts.login("mallory", "own password", null, ADDRESS, null);
        }
        // 12 failures so far from the address; a success of its own between them does not take them back
        for (int i = 12; i < LoginThrottle.MAX_FAILURES_PER_ADDRESS; i++) {
            int guess = i;
            refusal(() -> accounts.login("other" + guess, "guess", null, ADDRESS, null));
        }
        assertEquals(ErrorCode.RATE_LIMITED, refusal(() -> accounts.login("mallory", "own password", null, ADDRESS, null)));
    }

    @Test
    void theOwnersBrowserSignsInWhileStrangersHaveTheNameLockedOut() {
        accounts.register("alice", "correct horse", ADDRESS);
        String device = accounts.login("alice", "correct horse", null, ADDRESS, null).deviceCookie();
        for (int i = 0; i < LoginThrottle.MAX_FAILURES_PER_USER; i++) {
            refusal(() -> accounts.login("alice", "guess", null, "198.51.100.7", null));
        }
        assertEquals(ErrorCode.RATE_LIMITED, refusal(() -> accounts.login("alice", "correct horse", null, ADDRESS, null)));
        assertEquals("alice", accounts.login("alice", "correct horse", null, ADDRESS, device).session().user().value());
        String forged = device.substring(0, device.length() - 2) + "xx";
        assertEquals(ErrorCode.RATE_LIMITED, refusal(() -> accounts.login("alice", "correct horse", null, ADDRESS, forged)));
        String hash = store.account(new UserName("alice")).orElseThrow().passwordHash();
        assertTrue(DeviceCookie.vouchedId(device, new UserName("alice"), hash, clock.instant()).isPresent());
        assertFalse(DeviceCookie.vouchedId(device, new UserName("bob"), hash, clock.instant()).isPresent(),
                "a device cookie vouches for its own name only");
        assertFalse(DeviceCookie.vouchedId(device, new UserName("alice"), hash,
                clock.instant().plus(DeviceCookie.LIFETIME)).isPresent(), "and for a while");
    }

    @Test
    void aDeviceCookieFromAnAddressLockedOutCostsNoLookup() {
        accounts.register("alice", "correct horse", ADDRESS);
        String device = accounts.login("alice", "correct horse", null, ADDRESS, null).deviceCookie();
        String attacker = "198.51.100.9";
        for (int i = 0; i < LoginThrottle.MAX_FAILURES_PER_ADDRESS; i++) {
            String name = "victim" + i % 5;
            refusal(() -> accounts.login(name, "guess", null, attacker, null));
        }
        int lookups = store.accountLookups();
        for (int i = 0; i < 100; i++) {
            assertEquals(ErrorCode.RATE_LIMITED, refusal(() -> accounts.login("alice", "guess", null, attacker, "junk" + device)));
        }
        assertEquals(lookups, store.accountLookups(), "refused on the address before the account is read");
        assertEquals("alice", accounts.login("alice", "correct horse", null, ADDRESS, device).session().user().value());
    }

    @Test
    void failedSignInsWithHugeOrInvalidNamesKeepNothingOfThem() {
        String huge = "x".repeat(1 << 20);
        for (int i = 0; i < 1_000; i++) {
            String address = "203.0.113." + (i % 250);
            assertEquals(ErrorCode.BAD_CREDENTIALS, refusal(() -> accounts.login(huge, "guess", null, address, null)));
        }
        LoginThrottle throttle = new LoginThrottle(clock);
        throttle.admit(huge, "203.0.113.1", java.util.Optional.empty());
        assertEquals(1, throttle.tracked(), "the address is counted, the invalid name is not kept");
        for (int i = 0; i < 3 * LoginThrottle.TRACKED_KEYS; i++) {
            throttle.admit("name" + i, "addr" + i, java.util.Optional.empty());
        }
        assertEquals(2 * LoginThrottle.TRACKED_KEYS, throttle.tracked(), "bounded whatever the names and addresses");
    }

    @Test
    void theCredentialOfARequestIsTakenByPrecedence() {
        assertEquals(new Credential(Credential.Source.BEARER, "t1"), Credential.presented("Bearer t1", "k", "c").orElseThrow());
        assertEquals(new Credential(Credential.Source.BEARER, ""), Credential.presented("Basic eDp5", null, "c").orElseThrow());
        assertEquals(new Credential(Credential.Source.TICKET, "k"), Credential.presented(null, "k", "c").orElseThrow());
        assertEquals(new Credential(Credential.Source.COOKIE, "c"), Credential.presented(null, null, "c").orElseThrow());
        assertTrue(Credential.presented(null, null, null).isEmpty());
    }

    @Test
    void aNewPasswordEndsEveryOtherSessionAndOnlyTheNewOneSignsIn() {
        accounts.register("alice", "correct horse", ADDRESS);
        Accounts.Login laptop = accounts.login("alice", "correct horse", null, ADDRESS, null);
        Accounts.Login phone = accounts.login("alice", "correct horse", null, ADDRESS, null);
        accounts.authenticate(phone.token()).orElseThrow(); // cached: the change must reach the cache too

        List<String> ended = accounts.changePassword(laptop.session(), "correct horse", "battery staple", ADDRESS);

        assertEquals(List.of(phone.session().id()), ended);
        assertTrue(accounts.authenticate(phone.token()).isEmpty(), "the phone is signed out");
        assertTrue(accounts.authenticate(laptop.token()).isPresent(), "the laptop that changed it stays");
        assertEquals(ErrorCode.BAD_CREDENTIALS, refusal(() -> accounts.login("alice", "correct horse", null, ADDRESS, null)));
        accounts.login("alice", "battery staple", null, ADDRESS, null);
    }

    @Test
    void aPasswordChangeWithAWrongOrTooShortPasswordChangesNothing() {
        accounts.register("alice", "correct horse", ADDRESS);
        Accounts.Login laptop = accounts.login("alice", "correct horse", null, ADDRESS, null);
        long failed = accounts.signIns().failedCount();
        assertEquals(ErrorCode.BAD_CREDENTIALS,
                refusal(() -> accounts.changePassword(laptop.session(), "guessed", "battery staple", ADDRESS)));
        assertEquals(failed + 1, accounts.signIns().failedCount(), "a wrong guess counts as a failed sign-in");
        assertEquals(ErrorCode.WEAK_PASSWORD,
                refusal(() -> accounts.changePassword(laptop.session(), "correct horse", "short", ADDRESS)));
        accounts.login("alice", "correct horse", null, ADDRESS, null);
    }

    @Test
    void aClosedAccountSignsInAsNobodyAndKeepsItsName() {
        accounts.register("alice", "correct horse", ADDRESS);
        Accounts.Login laptop = accounts.login("alice", "correct horse", null, ADDRESS, null);
        Accounts.Login phone = accounts.login("alice", "correct horse", null, ADDRESS, null);

        List<String> ended = accounts.closeAccount(laptop.session(), "correct horse", ADDRESS);

        assertEquals(Set.of(laptop.session().id(), phone.session().id()), Set.copyOf(ended));
        assertTrue(accounts.authenticate(laptop.token()).isEmpty());
        assertEquals(ErrorCode.BAD_CREDENTIALS, refusal(() -> accounts.login("alice", "correct horse", null, ADDRESS, null)));
        assertEquals(ErrorCode.BAD_CREDENTIALS, refusal(() -> accounts.login("alice", "closed", null, ADDRESS, null)),
                "the marker is no password");
        assertEquals(ErrorCode.USER_TAKEN, refusal(() -> accounts.register("ALICE", "correct horse", ADDRESS)),
                "nobody else may take the name its messages carry");
    }
}
