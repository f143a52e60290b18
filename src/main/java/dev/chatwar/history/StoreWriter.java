package dev.chatwar.history;

import dev.chatwar.base.Timings;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one writer of a node's appends: group commit. Appends queue here from any thread; the writer takes all
 * that have queued, up to {@link #MAX_BATCH}, commits them in one transaction, and reports each outcome in
 * queue order, on its own thread, so the events of a room are reported in seq order. While one batch commits
 * the next gathers: the busier the server, the more events share a commit. Nobody waits on the database while
 * holding a room.
 */
public final class StoreWriter {

    public static final int MAX_BATCH = 256;

    private static final Logger LOG = Logger.getLogger(StoreWriter.class.getName());

    private record Job(Append append, Consumer<Appended> done) {
    }

    private final EventStore store;
    private final Executor executor;
    private final int capacity;
    private final ArrayDeque<Job> queue = new ArrayDeque<>();
    private boolean running;
    private final AtomicLong commits = new AtomicLong();
    private volatile Timings timings = Timings.NONE;
    private volatile Consumer<List<RoomEvent>> committed = events -> {
    };
    private final AtomicLong appended = new AtomicLong();

    /** @param capacity appends that may wait; more are refused, not queued */
    public StoreWriter(EventStore store, Executor executor, int capacity) {
        this.store = store;
        this.executor = executor;
        this.capacity = capacity;
    }

    /**
     * Queues an append; {@code done} gets its outcome on the writer's thread once it is committed or refused.
     * False, and nothing queued, when {@code capacity} appends are waiting already.
     */
    public boolean submit(Append append, Consumer<Appended> done) {
        synchronized (this) {
            if (queue.size() >= capacity) {
                return false;
            }
            queue.add(new Job(append, done));
            if (running) {
                return true;
            }
            running = true;
        }
        try {
            executor.execute(this::drain);
        } catch (RejectedExecutionException stopping) {
            failQueued(stopping);
        }
        return true;
    }

    /** Where each commit's duration goes from now on. */
    public void reportTo(Timings timings) {
        this.timings = timings;
    }

    /** Who gets each commit's stored events, in id order, on the writer's thread, before their appenders do. */
    public void whenCommitted(Consumer<List<RoomEvent>> committed) {
        this.committed = committed;
    }

    /** Transactions committed, and the appends they held, so far: how many events share a commit. */
    public record Stats(long commits, long appends) {
    }

    public Stats stats() {
        return new Stats(commits.get(), appended.get());
    }

    private void drain() {
        while (true) {
            List<Job> batch;
            synchronized (this) {
                if (queue.isEmpty()) {
                    running = false;
                    return;
                }
                batch = new ArrayList<>(Math.min(MAX_BATCH, queue.size()));
                while (batch.size() < MAX_BATCH && !queue.isEmpty()) {
                    batch.add(queue.poll());
                }
            }
            commit(batch);
        }
    }

    // A batch that fails as a whole (a clientId another node stored meanwhile, a lost connection) is tried one
    // append at a time, so that one bad append does not cost the others.
    private void commit(List<Job> batch) {
        List<Appended> outcomes = tryAppend(batch);
        if (outcomes == null) {
            outcomes = new ArrayList<>(batch.size());
            for (Job job : batch) {
                outcomes.add(tryAppend(List.of(job)).get(0));
            }
        }
        tellCommitted(outcomes);
        for (int i = 0; i < batch.size(); i++) {
            report(batch.get(i), outcomes.get(i));
        }
    }

    private void tellCommitted(List<Appended> outcomes) {
        List<RoomEvent> stored = new ArrayList<>(outcomes.size());
        for (Appended outcome : outcomes) {
            if (outcome instanceof Appended.Stored event) {
                stored.add(event.event());
            }
        }
        try {
            committed.accept(stored);
        } catch (RuntimeException failure) {
            LOG.log(Level.WARNING, "could not hand on the events of a commit", failure);
        }
    }

    // null when a batch of several failed; a single append's failure is its outcome
    private List<Appended> tryAppend(List<Job> jobs) {
        try {
            long start = System.nanoTime();
            List<Appended> outcomes = store.appendAll(jobs.stream().map(Job::append).toList());
            timings.committed(System.nanoTime() - start, jobs.size());
            commits.incrementAndGet();
            appended.addAndGet(jobs.size());
            return outcomes;
        } catch (RuntimeException failure) {
            if (jobs.size() > 1) {
                return null;
            }
            return List.of(new Appended.Failed(failure));
        }
    }

    private static void report(Job job, Appended outcome) {
        try {
            job.done().accept(outcome);
        } catch (RuntimeException failure) {
            LOG.log(Level.WARNING, "could not hand on the outcome of an append", failure);
        }
    }

    private void failQueued(RejectedExecutionException stopping) {
        List<Job> refused;
        synchronized (this) {
            refused = new ArrayList<>(queue);
            queue.clear();
            running = false;
        }
        refused.forEach(job -> report(job, new Appended.Failed(stopping)));
    }
}
