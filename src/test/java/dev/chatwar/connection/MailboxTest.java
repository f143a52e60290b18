package dev.chatwar.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class MailboxTest {

    @Test
    void tasksRunOneAtATimeInTheOrderTheyCame() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        Mailbox mailbox = new Mailbox(pool, 100_000, Mailbox.WhenRefused.DROP);
        List<Integer> ran = new ArrayList<>();
        AtomicInteger running = new AtomicInteger();
        AtomicInteger overlaps = new AtomicInteger();
        for (int i = 0; i < 20_000; i++) {
            int n = i;
            mailbox.offer(() -> {
                if (running.incrementAndGet() > 1) {
                    overlaps.incrementAndGet();
                }
                ran.add(n);
                running.decrementAndGet();
            });
        }
        pool.shutdown();
        assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
        assertEquals(20_000, ran.size());
        for (int i = 0; i < ran.size(); i++) {
            assertEquals(i, ran.get(i));
        }
        assertEquals(0, overlaps.get());
    }

    @Test
    void offerRefusesPastCapacityButPutAlwaysQueues() {
        List<Runnable> parked = new ArrayList<>();
        Mailbox mailbox = new Mailbox(parked::add, 2, Mailbox.WhenRefused.DROP);
        List<String> ran = new ArrayList<>();

        assertTrue(mailbox.offer(() -> ran.add("a")));
        assertTrue(mailbox.offer(() -> ran.add("b")));
        assertFalse(mailbox.offer(() -> ran.add("c")));
        mailbox.put(() -> ran.add("close"));

        parked.forEach(Runnable::run);
        assertEquals(List.of("a", "b", "close"), ran);
    }

    @Test
    void aFailingTaskDoesNotStopTheOnesAfterIt() {
        Mailbox mailbox = new Mailbox(Runnable::run, 10, Mailbox.WhenRefused.DROP);
        List<String> ran = new ArrayList<>();
        mailbox.offer(() -> {
            throw new IllegalStateException("boom");
        });
        mailbox.offer(() -> ran.add("after"));
        assertEquals(List.of("after"), ran);
    }

    @Test
    void tasksTheExecutorRefusesNeverRunOnTheQueuingThreadOfAConnection() {
        AtomicBoolean refusing = new AtomicBoolean(true);
        List<Runnable> accepted = new ArrayList<>();
        Mailbox mailbox = new Mailbox(task -> {
            if (refusing.get()) {
                throw new RejectedExecutionException("stopping");
            }
            accepted.add(task);
        }, 10, Mailbox.WhenRefused.DROP);
        List<String> ran = new ArrayList<>();

        assertFalse(mailbox.offer(() -> ran.add("refused")), "dropped, and said so");
        mailbox.put(() -> ran.add("refused close"));
        assertEquals(List.of(), ran, "nothing ran on this thread");

        refusing.set(false);
        assertTrue(mailbox.offer(() -> ran.add("later")));
        accepted.forEach(Runnable::run);
        assertEquals(List.of("later"), ran, "the mailbox works again once the executor takes work");
    }

    @Test
    void theClustersMailboxesRunRefusedTasksWhereTheyWereQueued() {
        Mailbox mailbox = new Mailbox(task -> {
            throw new RejectedExecutionException("stopping");
        }, 10, Mailbox.WhenRefused.RUN_HERE);
        List<Thread> ranOn = new ArrayList<>();
        assertTrue(mailbox.offer(() -> ranOn.add(Thread.currentThread())));
        assertEquals(List.of(Thread.currentThread()), ranOn);
    }
}
