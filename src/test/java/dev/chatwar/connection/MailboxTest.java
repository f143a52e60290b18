package dev.chatwar.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
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
        CountDownLatch allRan = new CountDownLatch(20_000);
        for (int i = 0; i < 20_000; i++) {
            int n = i;
            mailbox.offer(() -> {
                if (running.incrementAndGet() > 1) {
                    overlaps.incrementAndGet();
                }
                ran.add(n);
                running.decrementAndGet();
                allRan.countDown();
            });
        }
        assertTrue(allRan.await(10, TimeUnit.SECONDS));
        pool.shutdown();
        assertEquals(20_000, ran.size());
        for (int i = 0; i < ran.size(); i++) {
            assertEquals(i, ran.get(i));
        }
        assertEquals(0, overlaps.get());
    }

    @Test
    void aTaskThatAwaitsSomethingHoldsBackTheNextWithoutHoldingAThread() {
        List<Runnable> parked = new ArrayList<>();
        Mailbox mailbox = new Mailbox(parked::add, 10, Mailbox.WhenRefused.DROP);
        List<String> ran = new ArrayList<>();
        CompletableFuture<Void> stored = new CompletableFuture<>();

        mailbox.offerAwaiting(() -> {
            ran.add("send");
            return stored;
        });
        mailbox.offer(() -> ran.add("next"));
        runParked(parked);
        assertEquals(List.of("send"), ran, "the next task waits for the first one's future");
        assertTrue(parked.isEmpty(), "and no thread waits with it");

        stored.complete(null);
        runParked(parked);
        assertEquals(List.of("send", "next"), ran);
    }

    @Test
    void aBusyMailboxLetsOthersOnTheSameThreadGoBetweenItsBursts() {
        List<Runnable> parked = new ArrayList<>();
        Mailbox busy = new Mailbox(parked::add, 10_000, Mailbox.WhenRefused.DROP);
        Mailbox quiet = new Mailbox(parked::add, 10, Mailbox.WhenRefused.DROP);
        List<String> ran = new ArrayList<>();
        for (int i = 0; i < 3 * Mailbox.BURST; i++) {
            busy.offer(() -> ran.add("busy"));
        }
        quiet.offer(() -> ran.add("quiet"));
        runParked(parked);
        assertEquals(Mailbox.BURST, ran.indexOf("quiet"), "the quiet one ran after the busy one's first burst");
        assertEquals(3 * Mailbox.BURST + 1, ran.size());
    }

    // runs what the mailboxes gave the executor, in order, as a one-thread executor would
    private static void runParked(List<Runnable> parked) {
        while (!parked.isEmpty()) {
            parked.remove(0).run();
        }
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
    void aTaskThatThrowsACheckedExceptionUndeclaredAsAFailedCommitDoesNotStopTheOnesAfterIt() {
        Mailbox mailbox = new Mailbox(Runnable::run, 10, Mailbox.WhenRefused.DROP);
        List<String> ran = new ArrayList<>();
        mailbox.offer(() -> sneaky(new Exception("could not commit")));
        mailbox.offer(() -> ran.add("after"));
        assertEquals(List.of("after"), ran);
    }

    @SuppressWarnings("unchecked")
    private static <E extends Exception> void sneaky(Exception checked) throws E {
        throw (E) checked;
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
