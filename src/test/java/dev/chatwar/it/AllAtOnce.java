package dev.chatwar.it;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.IntFunction;

/** Requests that arrive together: one thread each, all released by one latch. */
final class AllAtOnce {

    private AllAtOnce() {
    }

    /** What the action returns on each of {@code count} threads, all let go at the same moment. */
    static <T> List<T> run(int count, IntFunction<T> action) {
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(count);
        try {
            List<CompletableFuture<T>> results = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int n = i;
                results.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        start.await();
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                    return action.apply(n);
                }, threads));
            }
            start.countDown();
            return results.stream().map(CompletableFuture::join).toList();
        } finally {
            threads.shutdownNow();
        }
    }
}
