package dev.chatwar.load;

import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;

/** A load run on a thread of its own beside a measured one, sending until that one is done. */
final class Beside {

    private final LoadRun run;
    private final CompletableFuture<RunResult> result;
    private final ExecutorService thread;
    private final PrintStream progress;
    private final long startedNanos = System.nanoTime();

    private Beside(LoadRun run, CompletableFuture<RunResult> result, ExecutorService thread, PrintStream progress) {
        this.run = run;
        this.result = result;
        this.thread = thread;
        this.progress = progress;
    }

    /** Starts the load and returns once its first messages have been delivered. */
    static Beside start(LoadPlan plan, String target, List<URI> nodes, PrintStream progress) {
        LoadRun run = new LoadRun(plan, target, nodes, ServerProcess.matching(), progress);
        ExecutorService thread = Executors.newSingleThreadExecutor();
        CompletableFuture<RunResult> result = CompletableFuture.supplyAsync(() -> {
            try {
                return run.run();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CompletionException(e);
            }
        }, thread);
        Awaitility.await(plan.name() + " delivering").atMost(Duration.ofMinutes(2))
                .until(() -> result.isDone() || run.deliveredSoFar() > 0);
        return new Beside(run, result, thread, progress);
    }

    /** Stops the sending, waits for the run to close its connections and says what it did meanwhile. */
    void stop() {
        run.stop();
        try {
            RunResult done = result.get(2, TimeUnit.MINUTES);
            double seconds = (System.nanoTime() - startedNanos) / 1e9;
            progress.printf("[%s %s] beside the measured run: %,d messages delivered %,d times in %.0f s (%,.0f a second),"
                    + " %d lost, %d errors%n", done.scenario(), done.target(), done.sent(), done.deliveries(), seconds,
                    done.deliveries() / seconds, done.lost(), done.errors());
        } catch (Exception e) {
            progress.println("the load beside the measured run failed: " + e);
        } finally {
            thread.shutdownNow();
        }
    }
}
