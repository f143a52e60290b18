package dev.chatwar.identity;

import java.util.concurrent.atomic.LongAdder;

/** Sign-ins since the server started: succeeded, refused for a wrong name or password, refused while locked out. */
public final class SignInCounts {

    private final LongAdder succeeded = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder lockedOut = new LongAdder();

    void succeeded() {
        succeeded.increment();
    }

    void failed() {
        failed.increment();
    }

    void lockedOut() {
        lockedOut.increment();
    }

    public long succeededCount() {
        return succeeded.sum();
    }

    public long failedCount() {
        return failed.sum();
    }

    public long lockedOutCount() {
        return lockedOut.sum();
    }
}
