package dev.chatwar.identity;

import dev.chatwar.base.ChatException;
import dev.chatwar.base.ErrorCode;
import dev.chatwar.base.UserName;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Accounts and sign-in: registration, password login that yields a bearer token, the sessions those tokens
 * name, and one-time tickets with which a page of another origin opens a socket without a cookie.
 * Tokens are random; only their SHA-256 is stored.
 */
public final class Accounts {

    /** A ticket opens one socket within this time of being issued. */
    public static final Duration TICKET_LIFETIME = Duration.ofSeconds(30);
    private static final int TOKEN_BYTES = 32;
    private static final int MAX_OPEN_TICKETS = 10_000;
    /** As many as the connections a user may open at once, by default. */
    public static final int MAX_OPEN_TICKETS_PER_USER = 20;
    /** Sessions trusted without the database, at most, and for how long each. */
    static final int CACHED_SESSIONS = 10_000;
    static final Duration CACHE_TTL = Duration.ofSeconds(60);

    /**
     * A freshly signed-in session and the token that proves it, shown once, with a {@link DeviceCookie} that
     * exempts this browser from the name's lockout next time.
     */
    public record Login(String token, AuthSession session, String deviceCookie) {
    }

    private final AccountStore store;
    private final PasswordHash passwords;
    private final Clock clock;
    private final Duration maxLifetime;
    private final SecureRandom random = new SecureRandom();
    private final LoginThrottle throttle;
    private final SignInCounts signIns = new SignInCounts();
    private final FailureCounts registrations;
    private final HashingGate hashing = new HashingGate(Math.max(1, Runtime.getRuntime().availableProcessors() / 2),
            32);
    private final SessionCache verified = new SessionCache(CACHED_SESSIONS, CACHE_TTL);
    private final PasswordCheck check;

    /** System property: registrations one address may make without a pause of {@link #REGISTRATION_PAUSE}. */
    public static final String REGISTRATIONS_PER_ADDRESS = "chat.registrations-per-address";
    public static final int DEFAULT_REGISTRATIONS_PER_ADDRESS = 20;
    public static final Duration REGISTRATION_PAUSE = Duration.ofMinutes(10);

    private final ServerBans serverBans;
    private final Profiles profiles;

    public Accounts(AccountStore store, PasswordHash passwords, Clock clock, Duration maxLifetime) {
        this(store, passwords, clock, maxLifetime, DEFAULT_REGISTRATIONS_PER_ADDRESS, Set.of());
    }

    /** @param serverModerators the users who may ban others from the server */
    public Accounts(AccountStore store, PasswordHash passwords, Clock clock, Duration maxLifetime,
                    int registrationsPerAddress, Set<UserName> serverModerators) {
        this.serverBans = new ServerBans(store, serverModerators, clock, verified);
        this.profiles = new Profiles(store);
        this.registrations = new FailureCounts(registrationsPerAddress, REGISTRATION_PAUSE, LoginThrottle.TRACKED_KEYS);
        this.store = store;
        this.passwords = passwords;
        this.clock = clock;
        this.maxLifetime = maxLifetime;
        this.throttle = new LoginThrottle(clock);
        this.check = new PasswordCheck(store, passwords, hashing, throttle, signIns, clock);
    }

    /** Creates an account; an address may register only so many without a pause, and each costs one hash at most. */
    public UserName register(String name, String password, String address) {
        UserName user = validName(name);
        PasswordCheck.requireAllowed(password);
        if (!registrations.admit(String.valueOf(address), clock.instant())) {
            throw new ChatException(ErrorCode.RATE_LIMITED, "too many registrations from this address; wait "
                    + REGISTRATION_PAUSE.toMinutes() + " minutes");
        }
        if (store.account(user).isPresent() || !store.createAccount(user, hashing.run(() -> passwords.hash(password)),
                now())) {
            throw new ChatException(ErrorCode.USER_TAKEN, "the name '" + name + "' is taken");
        }
        return user;
    }

    /**
     * Signs the user in for {@code lifetime}, or for the longest allowed when that is null or longer.
     * Repeated failures for the name or from the address lock sign-in out for a while ({@link LoginThrottle}).
     */
    public Login login(String name, String password, Duration lifetime, String address, String deviceCookie) {
        if (lifetime != null && (lifetime.isNegative() || lifetime.isZero())) {
            throw new ChatException(ErrorCode.INVALID_FIELD, "ttlSeconds must be positive");
        }
        AccountStore.Registered account = check.verify(name, password, address, deviceCookie);
        serverBans.requireNotBanned(account.name());
        String stored = account.passwordHash();
        UserName registered = account.name(); // as its user spelled it, whatever the case typed now
        Duration granted = lifetime == null || lifetime.compareTo(maxLifetime) > 0 ? maxLifetime : lifetime;
        String token = randomToken();
        Instant now = now();
        AuthSession session = new AuthSession(idOf(token), registered, now.plus(granted));
        store.saveSession(session, now);
        return new Login(token, session, DeviceCookie.issue(registered, stored, now));
    }

    /**
     * Changes the password of the session's user once {@code current} proves it is theirs (a check that counts
     * as a sign-in), and ends every other session of the user: the ids of those ended, whose sockets the
     * caller closes.
     */
    public List<String> changePassword(AuthSession session, String current, String next, String address) {
        check.verify(session.user().value(), current, address, null);
        List<String> ended = store.changePassword(session.user(), check.hashOfNew(next), session.id());
        ended.forEach(verified::forget);
        return ended;
    }

    /**
     * Closes the session's user's account once {@code password} proves it is theirs: every session of the user
     * ends (the ids, whose sockets the caller closes), no password opens it again, and its name stays taken.
     */
    public List<String> closeAccount(AuthSession session, String password, String address) {
        check.verify(session.user().value(), password, address, null);
        List<String> ended = store.closeAccount(session.user(), PasswordCheck.CLOSED);
        ended.forEach(verified::forget);
        return ended;
    }

    public Profiles profiles() {
        return profiles;
    }

    public ServerBans serverBans() {
        return serverBans;
    }

    public SignInCounts signIns() {
        return signIns;
    }

    public HashingStats hashingStats() {
        return hashing.stats();
    }

    /** The live session a bearer token names, if any. */
    public Optional<AuthSession> authenticate(String token) {
        if (token == null || token.isEmpty()) {
            return Optional.empty();
        }
        return live(idOf(token));
    }

    public void logout(AuthSession session) {
        verified.forget(session.id());
        store.deleteSession(session.id());
    }

    /** A session ended on another node: this node no longer trusts its cached copy. */
    public void ended(String sessionId) {
        verified.forget(sessionId);
    }

    /** A one-time credential for one handshake, valid for {@link #TICKET_LIFETIME}. */
    public String ticket(AuthSession session) {
        Instant now = now();
        if (store.ticketCount(session.user(), now) >= MAX_OPEN_TICKETS_PER_USER) {
            throw new ChatException(ErrorCode.RATE_LIMITED, "a user may hold " + MAX_OPEN_TICKETS_PER_USER
                    + " unused tickets at once; use one, or wait " + TICKET_LIFETIME.toSeconds() + " seconds");
        }
        if (store.ticketCount() >= MAX_OPEN_TICKETS) {
            store.deleteExpiredTickets(now);
            if (store.ticketCount() >= MAX_OPEN_TICKETS) {
                throw new ChatException(ErrorCode.RATE_LIMITED, "too many tickets outstanding; retry shortly");
            }
        }
        String ticket = randomToken();
        store.saveTicket(idOf(ticket), session.id(), now.plus(TICKET_LIFETIME));
        return ticket;
    }

    /** The session behind a ticket, which is used up by this call whatever the outcome. */
    public Optional<AuthSession> redeem(String ticket) {
        if (ticket == null || ticket.isEmpty()) {
            return Optional.empty();
        }
        return store.takeTicket(idOf(ticket), now()).flatMap(this::live);
    }

    public int forgetExpired() {
        Instant now = now();
        store.deleteExpiredTickets(now);
        throttle.forgetOld();
        registrations.forgetOld(now);
        return store.deleteExpiredSessions(now);
    }

    private Optional<AuthSession> live(String sessionId) {
        Instant now = now();
        Optional<AuthSession> cached = verified.get(sessionId, now);
        if (cached.isPresent()) {
            return cached;
        }
        Optional<AuthSession> stored = store.session(sessionId).filter(session -> !session.expired(now));
        stored.ifPresent(session -> verified.put(session, now));
        return stored;
    }

    private static UserName validName(String name) {
        if (name == null || name.isEmpty()) {
            throw new ChatException(ErrorCode.MISSING_FIELD, "missing field 'user'");
        }
        if (!UserName.isValid(name)) {
            throw new ChatException(ErrorCode.INVALID_USER,
                    "user name must be 1-" + UserName.MAX_LENGTH + " characters of A-Z a-z 0-9 . _ -");
        }
        return new UserName(name);
    }

    private String randomToken() {
        byte[] bytes = new byte[TOKEN_BYTES];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String idOf(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException unavailable) {
            throw new IllegalStateException("SHA-256 is part of every JDK", unavailable);
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
