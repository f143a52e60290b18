package dev.chatwar.identity;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows password guessing: after {@link #MAX_FAILURES_PER_USER} failed sign-ins of one user name, or
 * {@link #MAX_FAILURES_PER_ADDRESS} from one address, without a success between, further attempts are
 * refused for {@link #LOCKOUT} after the last failure, before any password is hashed.
 */
public final class LoginThrottle {

    public static final int MAX_FAILURES_PER_USER = 5;
    public static final int MAX_FAILURES_PER_ADDRESS = 20;
    public static final Duration LOCKOUT = Duration.ofMinutes(1);

    private record Failures(int count, Instant last) {
    }

    private final Clock clock;
    private final Map<String, Failures> byUser = new ConcurrentHashMap<>();
    private final Map<String, Failures> byAddress = new ConcurrentHashMap<>();

    public LoginThrottle(Clock clock) {
        this.clock = clock;
    }

    /** Whether a sign-in of the name from the address may be tried now. */
    public boolean allows(String name, String address) {
        Instant now = clock.instant();
        return !locked(byUser.get(String.valueOf(name)), MAX_FAILURES_PER_USER, now)
                && !locked(byAddress.get(String.valueOf(address)), MAX_FAILURES_PER_ADDRESS, now);
    }

    public void failed(String name, String address) {
        Instant now = clock.instant();
        count(byUser, String.valueOf(name), now);
        count(byAddress, String.valueOf(address), now);
    }

    public void succeeded(String name, String address) {
        byUser.remove(String.valueOf(name));
        byAddress.remove(String.valueOf(address));
    }

    /** Forgets failures older than the lockout: they no longer count. */
    public void forgetOld() {
        Instant now = clock.instant();
        byUser.values().removeIf(failures -> expired(failures, now));
        byAddress.values().removeIf(failures -> expired(failures, now));
    }

    private static void count(Map<String, Failures> failures, String key, Instant now) {
        failures.merge(key, new Failures(1, now), (old, one) ->
                new Failures(expired(old, now) ? 1 : old.count() + 1, now));
    }

    private static boolean locked(Failures failures, int max, Instant now) {
        return failures != null && failures.count() >= max && !expired(failures, now);
    }

    private static boolean expired(Failures failures, Instant now) {
        return !now.isBefore(failures.last().plus(LOCKOUT));
    }
}
