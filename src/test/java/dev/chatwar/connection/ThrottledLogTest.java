package dev.chatwar.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

class ThrottledLogTest {

    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final Logger logger = Logger.getAnonymousLogger();
    private final AtomicLong nanos = new AtomicLong();

    ThrottledLogTest() {
        logger.setUseParentHandlers(false);
        logger.setLevel(Level.INFO);
        logger.addHandler(new Handler() {
            @Override
            public void publish(LogRecord record) {
                records.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        });
    }

    @Test
    void aFloodWritesAFewLinesAWindowAndTheNextOneCountsWhatWasHeldBack() {
        ThrottledLog log = new ThrottledLog(logger, 5, Duration.ofSeconds(10), nanos::get);
        for (int i = 0; i < 1000; i++) {
            log.log(Level.INFO, "transport error", new IOException("Connection reset by peer"));
        }
        assertEquals(5, records.size());
        assertEquals("transport error: java.io.IOException: Connection reset by peer", records.get(0).getMessage());

        nanos.addAndGet(Duration.ofSeconds(10).toNanos());
        log.log(Level.INFO, "transport error", null);
        assertEquals(6, records.size());
        assertEquals("transport error (995 similar lines held back)", records.get(5).getMessage());
    }

    @Test
    void noStackTraceUnlessFineIsOn() {
        ThrottledLog log = new ThrottledLog(logger, 5, Duration.ofSeconds(10), nanos::get);
        log.log(Level.INFO, "bad input", new IllegalStateException("deep"));
        assertEquals(1, records.size());
        assertNull(records.get(0).getThrown());

        logger.setLevel(Level.FINE);
        log.log(Level.INFO, "bad input", new IllegalStateException("deep"));
        assertEquals(Level.FINE, records.get(1).getLevel());
        assertEquals("deep", records.get(1).getThrown().getMessage());
    }
}
