package dev.chatwar.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chatwar.base.UserName;
import dev.chatwar.connection.RateLimits.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimitsTest {

    private static final long SECOND = 1_000_000_000L;
    private final AtomicLong now = new AtomicLong();
    private final RateLimits limits = new RateLimits(new RateLimits.Settings(10, 20, 15, 30, 3), now::get);

    private static List<Verdict> admit(RateLimits.Limiter limiter, int frames) {
        List<Verdict> verdicts = new ArrayList<>();
        for (int i = 0; i < frames; i++) {
            verdicts.add(limiter.admit());
        }
        return verdicts;
    }

    @Test
    void aBurstPassesThenFramesAreRefusedThenTheConnectionIsToBeClosed() {
        List<Verdict> verdicts = admit(limits.forConnection(new UserName("alice")), 25);
        assertEquals(List.of(Verdict.REFUSE, Verdict.REFUSE, Verdict.REFUSE, Verdict.CLOSE, Verdict.CLOSE),
                verdicts.subList(20, 25));
        assertEquals(20, verdicts.stream().filter(Verdict.PASS::equals).count());
    }

    @Test
    void refusalsAddUpWhileTheClientKeepsPushingEvenIfSomeFramesPass() {
        RateLimits.Limiter limiter = limits.forConnection(new UserName("alice"));
        admit(limiter, 22);
        now.addAndGet(SECOND / 10);
        assertEquals(Verdict.PASS, limiter.admit(), "a tenth of a second refills one frame at 10 a second");
        assertEquals(List.of(Verdict.REFUSE, Verdict.CLOSE), admit(limiter, 2),
                "a passing frame between refusals clears nothing: the fourth within a second closes");
    }

    @Test
    void aQuietSecondAfterARefusalClearsTheStrikes() {
        RateLimits.Limiter limiter = limits.forConnection(new UserName("alice"));
        admit(limiter, 22);
        now.addAndGet(SECOND);
        assertEquals(10, admit(limiter, 10).stream().filter(Verdict.PASS::equals).count());
        assertEquals(List.of(Verdict.REFUSE, Verdict.REFUSE, Verdict.REFUSE, Verdict.CLOSE), admit(limiter, 4),
                "strikes count again from zero");
    }

    @Test
    void aUsersConnectionsShareTheUsersLimit() {
        UserName alice = new UserName("alice");
        assertEquals(20, admit(limits.forConnection(alice), 20).stream().filter(Verdict.PASS::equals).count());
        List<Verdict> second = admit(limits.forConnection(alice), 20);
        assertEquals(10, second.stream().filter(Verdict.PASS::equals).count(), "30 a burst for the user");
        assertEquals(20, admit(limits.forConnection(new UserName("bob")), 20).stream()
                .filter(Verdict.PASS::equals).count(), "another user is not affected");
    }

    @Test
    void httpPublishesDrawOnTheUsersBucketOnly() {
        UserName alice = new UserName("alice");
        for (int i = 0; i < 30; i++) {
            limits.admitUser(alice);
        }
        assertEquals(false, limits.admitUser(alice));
        assertEquals(List.of(Verdict.REFUSE), admit(limits.forConnection(alice), 1), "the socket shares it");
    }

    @Test
    void sweepingForgetsOnlyRefilledBuckets() {
        UserName alice = new UserName("alice");
        admit(limits.forConnection(alice), 20);
        limits.sweep();
        assertEquals(10, admit(limits.forConnection(alice), 20).stream().filter(Verdict.PASS::equals).count(),
                "a drained bucket is kept");
        now.addAndGet(10 * SECOND);
        limits.sweep();
        assertEquals(20, admit(limits.forConnection(alice), 20).stream().filter(Verdict.PASS::equals).count());
    }
}
