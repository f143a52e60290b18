package dev.chatwar.identity;

import dev.chatwar.base.ChatException;
import dev.chatwar.base.ErrorCode;
import dev.chatwar.base.UserName;
import java.time.Clock;
import java.util.Optional;

/**
 * Whether a password is a user's, as a sign-in asks and as a change of password or the closing of an account
 * asks again: every check counts against the name's and the address's lockout ({@link LoginThrottle}), costs
 * one hash on the gate (also for a name nobody has, so that both take as long), and is counted.
 */
final class PasswordCheck {

    /** What a closed account holds instead of a password hash: no password matches it. */
    static final String CLOSED = "closed";

    private final AccountStore store;
    private final PasswordHash passwords;
    private final HashingGate hashing;
    private final LoginThrottle throttle;
    private final SignInCounts counts;
    private final Clock clock;
    // compared against when the user does not exist, so that a login takes as long either way
    private final String unknownUserHash;

    PasswordCheck(AccountStore store, PasswordHash passwords, HashingGate hashing, LoginThrottle throttle,
                  SignInCounts counts, Clock clock) {
        this.store = store;
        this.passwords = passwords;
        this.hashing = hashing;
        this.throttle = throttle;
        this.counts = counts;
        this.clock = clock;
        this.unknownUserHash = passwords.hash("not a password of anyone");
    }

    /**
     * The account, if the password is its own: else {@code bad_credentials}, or {@code rate_limited} while the
     * name or the address is locked out. A browser whose {@code deviceCookie} vouches for it escapes the
     * name's lockout (not the address's).
     */
    AccountStore.Registered verify(String name, String password, String address, String deviceCookie) {
        UserName user = UserName.isValid(name) ? new UserName(name) : null;
        Optional<AccountStore.Registered> account = Optional.empty();
        Optional<String> device = Optional.empty();
        // costs a lookup only to browsers that signed in before, and none to an address locked out anyway
        if (user != null && deviceCookie != null && !throttle.addressLocked(address)) {
            account = open(store.account(user));
            device = account.flatMap(found -> DeviceCookie.vouchedId(deviceCookie, found.name(), found.passwordHash(),
                    clock.instant()));
        }
        LoginThrottle.Attempt attempt = throttle.admit(name, address, device).orElseThrow(() -> {
            counts.lockedOut();
            return new ChatException(ErrorCode.RATE_LIMITED,
                    "too many failed sign-ins; wait " + LoginThrottle.LOCKOUT.toSeconds() + " seconds");
        });
        if (user != null && account.isEmpty()) {
            account = open(store.account(user));
        }
        String stored = account.map(AccountStore.Registered::passwordHash).orElse(unknownUserHash);
        boolean matches = password != null && hashing.run(() -> passwords.matches(password, stored));
        if (account.isEmpty() || !matches) {
            counts.failed();
            throw new ChatException(ErrorCode.BAD_CREDENTIALS, "unknown user or wrong password");
        }
        throttle.succeeded(attempt);
        counts.succeeded();
        return account.get();
    }

    /** The hash of a new password, if it has an allowed length. */
    String hashOfNew(String password) {
        requireAllowed(password);
        return hashing.run(() -> passwords.hash(password));
    }

    static void requireAllowed(String password) {
        if (password == null) {
            throw new ChatException(ErrorCode.MISSING_FIELD, "missing field 'password'");
        }
        int length = password.codePointCount(0, password.length());
        if (length < PasswordHash.MIN_PASSWORD_LENGTH || length > PasswordHash.MAX_PASSWORD_LENGTH) {
            throw new ChatException(ErrorCode.WEAK_PASSWORD, "a password has " + PasswordHash.MIN_PASSWORD_LENGTH
                    + " to " + PasswordHash.MAX_PASSWORD_LENGTH + " characters");
        }
    }

    // a closed account signs in as nobody: its name stays taken
    private static Optional<AccountStore.Registered> open(Optional<AccountStore.Registered> account) {
        return account.filter(found -> !found.passwordHash().equals(CLOSED));
    }
}
