package dev.chatwar.connection;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs one connection's work (open, each request, close) one task at a time, in arrival order, on a shared
 * executor. The container's I/O thread only queues, so it never waits on the database, and a close that
 * arrives after a request is handled after it. The cluster's sends and receipts use one each, too.
 */
public final class Mailbox {

    private static final Logger LOG = Logger.getLogger(Mailbox.class.getName());

    private final Executor executor;
    private final int capacity;
    private final ArrayDeque<Runnable> tasks = new ArrayDeque<>();
    private boolean running;

    public Mailbox(Executor executor, int capacity) {
        this.executor = executor;
        this.capacity = capacity;
    }

    /** Queues a task; false, and nothing queued, when {@code capacity} tasks are already waiting. */
    public boolean offer(Runnable task) {
        return add(task, false);
    }

    /** Queues a task whatever the backlog: for the close, which must always run. */
    public void put(Runnable task) {
        add(task, true);
    }

    private boolean add(Runnable task, boolean always) {
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
        try {
            executor.execute(this::drain);
        } catch (RejectedExecutionException shuttingDown) {
            drain();
        }
        return true;
    }

    private void drain() {
        while (true) {
            Runnable task;
            synchronized (this) {
                task = tasks.poll();
                if (task == null) {
                    running = false;
                    return;
                }
            }
            try {
                task.run();
            } catch (RuntimeException failure) {
                LOG.log(Level.WARNING, "queued task failed", failure);
            }
        }
    }
}
