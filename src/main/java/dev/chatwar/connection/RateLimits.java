package dev.chatwar.connection;

import dev.chatwar.base.ChatException;
import dev.chatwar.base.ErrorCode;
import dev.chatwar.base.UserName;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * How many frames a client may send: each connection and each user (over all their connections) has a
 * token bucket. A frame over the limit is refused with an error. A connection refused more than
 * {@code strikes} times, without a quiet second between refusals, is to be closed.
 */
public final class RateLimits {

    /** Per second and burst for connections and users, and refusals in a row before the close. */
    public record Settings(double connectionPerSecond, int connectionBurst, double userPerSecond, int userBurst,
                           int strikes) {

        public static final String PREFIX = "chat.rate.";
        public static final Settings DEFAULTS = new Settings(10, 20, 20, 40, 20);

        /** The settings from system properties {@code chat.rate.*}, each defaulting to {@link #DEFAULTS}. */
        public static Settings fromSystemProperties() {
            return new Settings(
                    number("connection", DEFAULTS.connectionPerSecond),
                    (int) number("connection-burst", DEFAULTS.connectionBurst),
                    number("user", DEFAULTS.userPerSecond),
                    (int) number("user-burst", DEFAULTS.userBurst),
                    (int) number("strikes", DEFAULTS.strikes));
        }

        private static double number(String name, double fallback) {
            String value = System.getProperty(PREFIX + name);
            return value == null ? fallback : Double.parseDouble(value);
        }
    }

    public enum Verdict { PASS, REFUSE, CLOSE }

    /** A second without refusals clears a connection's strikes. */
    public static final long FORGIVE_AFTER_NANOS = 1_000_000_000L;

    private final Settings settings;
    private final LongSupplier nanoTime;
    private final ConcurrentHashMap<UserName, TokenBucket> users = new ConcurrentHashMap<>();

    public RateLimits(Settings settings, LongSupplier nanoTime) {
        this.settings = settings;
        this.nanoTime = nanoTime;
    }

    /** The limiter of one new connection; it is called for that connection's frames one at a time. */
    public Limiter forConnection(UserName user) {
        return new Limiter(user, new TokenBucket(settings.connectionPerSecond(), settings.connectionBurst(),
                nanoTime.getAsLong()));
    }

    /** Whether the user may send one more message over HTTP: only the user's bucket applies there. */
    public boolean admitUser(UserName user) {
        long now = nanoTime.getAsLong();
        return userBucket(user, now).take(now);
    }

    /** Refuses with {@code rate_limited} an HTTP request past the user's frame rate: it counts as a frame would. */
    public void requireUser(UserName user) {
        if (!admitUser(user)) {
            throw new ChatException(ErrorCode.RATE_LIMITED, "too many requests; slow down");
        }
    }

    private TokenBucket userBucket(UserName user, long now) {
        return users.computeIfAbsent(user, name -> new TokenBucket(settings.userPerSecond(), settings.userBurst(), now));
    }

    /** Forgets users' buckets that have refilled: a fresh bucket would behave the same. */
    public void sweep() {
        long now = nanoTime.getAsLong();
        users.keySet().forEach(user ->
                users.computeIfPresent(user, (name, bucket) -> bucket.full(now) ? null : bucket));
    }

    public Settings settings() {
        return settings;
    }

    public final class Limiter {

        private final UserName user;
        private final TokenBucket connection;
        private int strikes;
        private long lastRefusal;

        private Limiter(UserName user, TokenBucket connection) {
            this.user = user;
            this.connection = connection;
        }

        public Verdict admit() {
            long now = nanoTime.getAsLong();
            TokenBucket ofUser = userBucket(user, now);
            if (connection.take(now) && ofUser.take(now)) {
                return Verdict.PASS;
            }
            if (strikes > 0 && now - lastRefusal >= FORGIVE_AFTER_NANOS) {
                strikes = 0;
            }
            lastRefusal = now;
            return ++strikes > settings.strikes() ? Verdict.CLOSE : Verdict.REFUSE;
        }
    }
}
