package dev.chatwar.connection;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs one connection's work (open, each request, close) one task at a time, in arrival order, on a shared
 * executor. The container's I/O thread only queues, so it never waits on the database, and a close that
 * arrives after a request is handled after it. A task may return what it is waiting for (a message being
 * stored, say): the next task starts once that completes, and no thread waits meanwhile. After a burst of tasks
 * the mailbox goes to the back of the executor's queue, so that a busy one cannot hold a thread for good.
 * Rooms deliver their events through one each, and the cluster's sends and receipts use one each, too.
 */
public final class Mailbox {

    /** What happens to the queued tasks when the executor refuses them, as it does while the application stops. */
    public enum WhenRefused {
        /** They run on the thread that queued the task: only for threads of the application's own. */
        RUN_HERE,
        /** They are dropped, and the log says so: for tasks queued by the container's I/O threads. */
        DROP
    }

    /** Tasks run in a row before the mailbox lets the executor's other work go first. */
    static final int BURST = 64;
    private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

    private static final Logger LOG = Logger.getLogger(Mailbox.class.getName());
    // one line for each connection of a stopping server would flood the log
    private static final ThrottledLog REFUSALS = new ThrottledLog(LOG, 5, Duration.ofSeconds(10), System::nanoTime);

    private final Executor executor;
    private final int capacity;
    private final WhenRefused whenRefused;
    private final ArrayDeque<Supplier<CompletableFuture<?>>> tasks = new ArrayDeque<>();
    private boolean running;

    public Mailbox(Executor executor, int capacity, WhenRefused whenRefused) {
        this.executor = executor;
        this.capacity = capacity;
        this.whenRefused = whenRefused;
    }

    /**
     * Queues a task; false, and nothing queued, when {@code capacity} tasks are already waiting, or when the
     * executor refused to run them and they were dropped.
     */
    public boolean offer(Runnable task) {
        return add(done(task), false);
    }

    /** Like {@link #offer(Runnable)}, for a task whose work ends when the future it returns completes. */
    public boolean offerAwaiting(Supplier<CompletableFuture<?>> task) {
        return add(task, false);
    }

    /** Queues a task whatever the backlog: for the close, which must always run. */
    public void put(Runnable task) {
        add(done(task), true);
    }

    /** Whether no task is waiting or running. */
    public synchronized boolean idle() {
        return !running && tasks.isEmpty();
    }

    private static Supplier<CompletableFuture<?>> done(Runnable task) {
        return () -> {
            task.run();
            return DONE;
        };
    }

    private boolean add(Supplier<CompletableFuture<?>> task, boolean always) {
        synchronized (this) {
            if (!always && tasks.size() >= capacity) {
                return false;
            }
            tasks.add(task);
            if (running) {
                return true;
            }
            running = true;
        }
        return schedule();
    }

    private boolean schedule() {
        try {
            executor.execute(this::drain);
        } catch (RejectedExecutionException refused) {
            if (whenRefused == WhenRefused.RUN_HERE) {
                drain();
            } else {
                drop(refused);
                return false;
            }
        }
        return true;
    }

    private void drop(RejectedExecutionException refused) {
        int dropped;
        synchronized (this) {
            dropped = tasks.size();
            tasks.clear();
            running = false;
        }
        REFUSALS.log(Level.INFO, "the executor refused a connection's work; " + dropped + " tasks dropped", refused);
    }

    private void drain() {
        for (int run = 0; run < BURST; run++) {
            Supplier<CompletableFuture<?>> task;
            synchronized (this) {
                task = tasks.poll();
                if (task == null) {
                    running = false;
                    return;
                }
            }
            CompletableFuture<?> pending = DONE;
            try {
                pending = task.get();
            } catch (Exception failure) { // a transaction's commit may throw a checked exception undeclared
                LOG.log(Level.WARNING, "queued task failed", failure);
            }
            if (pending != null && !pending.isDone()) {
                pending.whenComplete((result, failure) -> schedule());
                return;
            }
        }
        schedule();
    }
}
