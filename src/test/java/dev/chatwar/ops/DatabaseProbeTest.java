package dev.chatwar.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class DatabaseProbeTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final AtomicInteger asked = new AtomicInteger();
    private final AtomicBoolean answering = new AtomicBoolean(true);

    private final DatabaseProbe probe = new DatabaseProbe(() -> {
        asked.incrementAndGet();
        if (!answering.get()) {
            throw new SQLException("Connection refused: db.internal:5432 user chat");
        }
        return true;
    }, now::get);

    @Test
    void theDatabaseIsAskedAtMostOnceASecond() {
        for (int i = 0; i < 40; i++) {
            assertTrue(probe.answer().up());
        }
        assertEquals(1, asked.get());
        now.addAndGet(DatabaseProbe.MAX_AGE_NANOS);
        probe.answer();
        assertEquals(2, asked.get());
    }

    @Test
    void aFailureIsDownWithItsKindButNotItsMessage() {
        answering.set(false);
        DatabaseProbe.Answer answer = probe.answer();
        assertFalse(answer.up());
        assertEquals("SQLException", answer.detail(), "the message names a host and a user");
        answering.set(true);
        now.addAndGet(DatabaseProbe.MAX_AGE_NANOS);
        assertTrue(probe.answer().up());
    }

    @Test
    void whileOneProbeWaitsForTheDatabaseTheOthersGetTheLastAnswerAtOnce() throws Exception {
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean slow = new AtomicBoolean(false);
        DatabaseProbe stuck = new DatabaseProbe(() -> {
            if (slow.get()) {
                inside.countDown();
                release.await();
            }
            return true;
        }, now::get);
        assertTrue(stuck.answer().up());
        slow.set(true);
        now.addAndGet(DatabaseProbe.MAX_AGE_NANOS);
        Thread waiting = new Thread(stuck::answer);
        waiting.start();
        assertTrue(inside.await(5, TimeUnit.SECONDS));
        assertTrue(stuck.answer().up(), "the last answer, without waiting");
        release.countDown();
        waiting.join(5000);
    }
}
