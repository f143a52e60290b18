package dev.chatwar.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class MailboxTest {

    @Test
    void tasksRunOneAtATimeInTheOrderTheyCame() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        Mailbox mailbox = new Mailbox(pool, 100_000);
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
        Mailbox mailbox = new Mailbox(parked::add, 2);
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
        Mailbox mailbox = new Mailbox(Runnable::run, 10);
        List<String> ran = new ArrayList<>();
        mailbox.offer(() -> {
            throw new IllegalStateException("boom");
        });
        mailbox.offer(() -> ran.add("after"));
        assertEquals(List.of("after"), ran);
    }
}
