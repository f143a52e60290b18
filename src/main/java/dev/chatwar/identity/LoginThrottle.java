package dev.chatwar.identity;

import dev.chatwar.base.UserName;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Slows password guessing. An attempt is counted before its password is hashed: at most
 * {@link #MAX_FAILURES_PER_USER} per user name and {@link #MAX_FAILURES_PER_ADDRESS} per address are let through
 * within {@link #LOCKOUT} of the last failure. A success clears its own name's failures, and takes back only its
 * own attempt from the address. A browser that signed in as the name before (it shows a device cookie,
 * {@link DeviceCookie}) is not held by the name's lockout, which strangers can cause; it has its own.
 * Memory is bounded: names are tracked only when valid, and each kind of key up to {@link #TRACKED_KEYS}.
 */
public final class LoginThrottle {

    public static final int MAX_FAILURES_PER_USER = 5;
    public static final int MAX_FAILURES_PER_ADDRESS = 20;
    public static final Duration LOCKOUT = Duration.ofMinutes(1);
    /** Names, addresses and devices tracked, at most, each: about 200 bytes apiece. */
    public static final int TRACKED_KEYS = 20_000;

    /** An attempt let through: what it was counted under, so that a success can take it back. */
    public record Attempt(String nameKey, String address) {
    }

    private final Clock clock;
    private final FailureCounts byName = new FailureCounts(MAX_FAILURES_PER_USER, LOCKOUT, TRACKED_KEYS);
    private final FailureCounts byAddress = new FailureCounts(MAX_FAILURES_PER_ADDRESS, LOCKOUT, TRACKED_KEYS);

    public LoginThrottle(Clock clock) {
        this.clock = clock;
    }

    /**
     * Counts an attempt to sign in as the name from the address, from a device that signed in as it before if
     * {@code device} is given; empty when it must be refused without trying the password.
     */
    public Optional<Attempt> admit(String name, String address, Optional<String> device) {
        String nameKey = device.map(id -> "device " + id)
                .orElse(UserName.isValid(name) ? "name " + new UserName(name).key() : null); // invalid: never signs in
        String addressKey = String.valueOf(address);
        synchronized (this) {
            var now = clock.instant();
            if (byAddress.locked(addressKey, now) || nameKey != null && byName.locked(nameKey, now)) {
                return Optional.empty();
            }
            byAddress.admit(addressKey, now);
            if (nameKey != null) {
                byName.admit(nameKey, now);
            }
        }
        return Optional.of(new Attempt(nameKey, addressKey));
    }

    /** Whether every sign-in from the address is refused now, whatever its name or device. */
    public synchronized boolean addressLocked(String address) {
        return byAddress.locked(String.valueOf(address), clock.instant());
    }

    public void succeeded(Attempt attempt) {
        if (attempt.nameKey() != null) {
            byName.clear(attempt.nameKey());
        }
        byAddress.uncount(attempt.address());
    }

    /** Forgets failures older than the lockout: they no longer count. */
    public void forgetOld() {
        var now = clock.instant();
        byName.forgetOld(now);
        byAddress.forgetOld(now);
    }

    int tracked() {
        return byName.size() + byAddress.size();
    }
}
