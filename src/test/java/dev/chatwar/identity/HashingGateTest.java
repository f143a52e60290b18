package dev.chatwar.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.chatwar.base.ChatException;
import dev.chatwar.base.ErrorCode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

class HashingGateTest {

    @Test
    void oneHashRunsAtATimeTwoWaitAndTheRestAreRefusedBusyWithoutHashing() throws Exception {
        HashingGate gate = new HashingGate(1, 2);
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService callers = Executors.newFixedThreadPool(3);
        try {
            List<Future<String>> admitted = new ArrayList<>();
            admitted.add(callers.submit(() -> gate.run(() -> {
                inside.countDown();
                await(release);
                return "first";
            })));
            assertEquals(true, inside.await(5, TimeUnit.SECONDS));
            for (int i = 0; i < 2; i++) {
                String name = "waiting " + i;
                admitted.add(callers.submit(() -> gate.run(() -> name)));
            }
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> gate.waiting() == 2);

            ChatException refused = assertThrows(ChatException.class, () -> gate.run(() -> "one too many"));
            assertEquals(ErrorCode.SERVER_BUSY, refused.code());
            assertEquals(new HashingStats(0, 1, 1), gate.stats(), "refused before any hash was finished");

            release.countDown();
            List<String> results = new ArrayList<>();
            for (Future<String> call : admitted) {
                results.add(call.get(5, TimeUnit.SECONDS));
            }
            assertEquals(List.of("first", "waiting 0", "waiting 1"), results);
            assertEquals(new HashingStats(3, 1, 1), gate.stats(), "three hashed, never two at once");
        } finally {
            release.countDown();
            callers.shutdownNow();
        }
    }

    @Test
    void twoPermitsLetTwoHashesRunTogether() throws Exception {
        HashingGate gate = new HashingGate(2, 0);
        CountDownLatch bothInside = new CountDownLatch(2);
        ExecutorService callers = Executors.newFixedThreadPool(2);
        try {
            List<Future<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                calls.add(callers.submit(() -> gate.run(() -> {
                    bothInside.countDown();
                    await(bothInside);
                    return 1;
                })));
            }
            for (Future<Integer> call : calls) {
                assertEquals(1, call.get(5, TimeUnit.SECONDS));
            }
            assertEquals(new HashingStats(2, 0, 2), gate.stats());
        } finally {
            callers.shutdownNow();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(5, TimeUnit.SECONDS)) {
                throw new AssertionError("never released");
            }
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
