package dev.chatwar.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chatwar.support.RecordingSink;
import dev.chatwar.support.TestClock;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class OutboxTest {

    @Test
    void framesLeaveInOrderWithOneSendInFlightAtATime() {
        RecordingSink sink = RecordingSink.holding();
        Outbox outbox = new Outbox(sink, 1000);

        outbox.offer("a");
        outbox.offer("b");
        outbox.offer("c");
        assertEquals(List.of("a"), sink.sent());

        sink.complete(null);
        assertEquals(List.of("a", "b"), sink.sent());
        sink.complete(null);
        sink.complete(null);

        assertEquals(List.of("a", "b", "c"), sink.sent());
        assertEquals(1, sink.maxSendsInFlight());
        assertEquals(0, outbox.queued());
    }

    @Test
    void aLongQueueDrainedBySendsThatCompleteInlineDoesNotRecurse() {
        RecordingSink sink = RecordingSink.holding();
        Outbox outbox = new Outbox(sink, Long.MAX_VALUE);
        IntStream.range(0, 200_000).forEach(i -> outbox.offer(Integer.toString(i)));

        sink.release();

        List<String> sent = sink.sent();
        assertEquals(200_000, sent.size());
        assertEquals("199999", sent.get(199_999));
        assertEquals(1, sink.maxSendsInFlight());
    }

    @Test
    void overflowRefusesTheFrameDropsTheQueueAndEverythingAfter() {
        RecordingSink sink = RecordingSink.holding();
        Outbox outbox = new Outbox(sink, 10);

        assertTrue(outbox.offer("in-flight"));
        assertTrue(outbox.offer("12345"));
        assertTrue(outbox.offer("67890"));
        assertFalse(outbox.offer("x"));

        assertTrue(outbox.overflowed());
        assertEquals(0, outbox.queued());
        assertFalse(outbox.offer("y"));
        sink.complete(null);
        assertEquals(List.of("in-flight"), sink.sent());
    }

    @Test
    void aFailedSendStopsTheOutboxWithoutCallingItOverflow() {
        RecordingSink sink = RecordingSink.holding();
        Outbox outbox = new Outbox(sink, 1000);
        outbox.offer("a");
        outbox.offer("b");

        sink.complete(new java.io.IOException("connection reset"));

        assertFalse(outbox.offer("c"));
        assertFalse(outbox.overflowed());
        assertEquals(List.of("a"), sink.sent());
    }

    @Test
    void itWaitsOnThePeerFromTheMomentAPingIsWrittenNotWhileThePingIsQueued() {
        TestClock clock = new TestClock();
        RecordingSink sink = RecordingSink.holding();
        Outbox outbox = new Outbox(sink, 1000, clock::millis);
        outbox.offer("a");
        outbox.offerPing();
        clock.advance(Duration.ofSeconds(10));
        sink.complete(null);
        long pingWritten = clock.millis();
        clock.advance(Duration.ofSeconds(10));
        sink.complete(null);
        assertEquals(pingWritten, outbox.unansweredPingSince(), "since the ping was written");

        outbox.answered();
        assertEquals(0, outbox.unansweredPingSince());
    }

    @Test
    void aPingQueuedBehindABusyOutboxIsNotYetUnanswered() {
        TestClock clock = new TestClock();
        RecordingSink sink = RecordingSink.holding();
        Outbox outbox = new Outbox(sink, 1000, clock::millis);
        long start = clock.millis();
        outbox.offer("a");
        outbox.offerPing();
        clock.advance(Duration.ofSeconds(30));
        outbox.answered();

        assertEquals(0, outbox.unansweredPingSince(), "the ping is still queued");
        assertEquals(start, outbox.sendingSince());
        sink.complete(null);
        long pingWritten = clock.millis();
        clock.advance(Duration.ofSeconds(5));
        outbox.offerPing();
        sink.complete(null);
        assertEquals(pingWritten, outbox.unansweredPingSince(), "the first ping written since the last answer");
    }

    @Test
    void aSendThatNeverCompletesKeepsItWaitingOnThePeer() {
        TestClock clock = new TestClock();
        RecordingSink sink = RecordingSink.holding();
        Outbox outbox = new Outbox(sink, 1000, clock::millis);
        long start = clock.millis();
        outbox.offer("a");
        clock.advance(Duration.ofMinutes(5));
        outbox.answered();

        assertEquals(start, outbox.sendingSince());
        assertEquals(0, outbox.unansweredPingSince());
    }

    @Test
    void aPingWaitsItsTurnBehindQueuedFrames() {
        RecordingSink sink = RecordingSink.holding();
        Outbox outbox = new Outbox(sink, 1000);
        outbox.offer("a");
        outbox.offerPing();
        outbox.offer("b");

        sink.release();

        assertEquals(List.of("a", RecordingSink.PING, "b"), sink.sent());
    }

    @Test
    void anEphemeralFrameIsDroppedOnceTheOutboxIsHalfFullAndOtherFramesStillGo() {
        RecordingSink sink = RecordingSink.holding();
        Outbox outbox = new Outbox(sink, 20);
        outbox.offer("in-flight");
        assertTrue(outbox.offerEphemeral("typing"));
        assertTrue(outbox.offer("abcd"));
        assertTrue(outbox.offerEphemeral("typing"), "dropped, but the connection is fine");
        assertTrue(outbox.offer("efgh"));

        sink.release();

        assertEquals(List.of("in-flight", "typing", "abcd", "efgh"), sink.sent());
        assertFalse(outbox.overflowed());
    }

    @Test
    void aCloseWaitsForTheFramesQueuedBeforeItAndRefusesAnyAfter() {
        RecordingSink sink = RecordingSink.holding();
        Outbox outbox = new Outbox(sink, 1_000);
        outbox.offer("{\"n\":1}");
        outbox.offer("{\"n\":2}");
        outbox.offerClose(1008, "policy");
        assertFalse(outbox.offer("{\"n\":3}"), "nothing is sent after the close");
        assertEquals(0, sink.closeCode(), "not closed while frames wait");
        sink.release();
        assertEquals(List.of("{\"n\":1}", "{\"n\":2}"), sink.sent());
        assertEquals(1008, sink.closeCode());
    }

    @Test
    void framesQueuedBehindASendLeaveTogetherInTheNextOneUpToTheSinksLimit() {
        RecordingSink sink = RecordingSink.holding().batching(3);
        Outbox outbox = new Outbox(sink, 1000);
        List.of("a", "b", "c", "d", "e", "f").forEach(outbox::offer);

        sink.release();

        assertEquals(List.of("a", "b", "c", "d", "e", "f"), sink.sent());
        assertEquals(List.of(1, 3, 2), sink.batchSizes(), "the first went alone, the rest queued behind it");
        assertEquals(1, sink.maxSendsInFlight());
        assertEquals(0, outbox.queued());
    }

    @Test
    void aBatchStopsAtAPingAndAtTheCloseWhichKeepTheirPlaceInLine() {
        RecordingSink sink = RecordingSink.holding().batching(10);
        Outbox outbox = new Outbox(sink, 1000);
        List.of("a", "b", "c").forEach(outbox::offer);
        outbox.offerPing();
        outbox.offer("d");
        outbox.offerClose(1001, "going away");

        sink.release();

        assertEquals(List.of("a", "b", "c", RecordingSink.PING, "d"), sink.sent());
        assertEquals(List.of(1, 2, 1), sink.batchSizes());
        assertEquals(1001, sink.closeCode());
    }

    @Test
    void aFailedBatchDropsWhatQueuedBehindIt() {
        RecordingSink sink = RecordingSink.holding().batching(10);
        Outbox outbox = new Outbox(sink, 1000);
        List.of("a", "b", "c").forEach(outbox::offer);
        sink.complete(null);

        sink.complete(new java.io.IOException("broken pipe"));

        assertFalse(outbox.offer("d"));
        assertEquals(List.of("a", "b", "c"), sink.sent());
        assertEquals(0, outbox.queued());
    }

    @Test
    void aPingThatWentOutNoLongerCountsAgainstTheCapacity() {
        RecordingSink sink = new RecordingSink();
        Outbox outbox = new Outbox(sink, 10);
        for (int i = 0; i < 5; i++) {
            outbox.offerPing();
        }

        assertTrue(outbox.offer("1234567890"), "the pings sent earlier take no room");
        assertFalse(outbox.overflowed());
    }

    @Test
    void aSinkThatThrowsInsteadOfReportingCountsAsAFailedSendAndDoesNotWedgeTheOutbox() {
        FrameSink closedSession = new FrameSink() {
            @Override
            public void send(List<String> frames, java.util.function.Consumer<Throwable> done) {
                throw new IllegalStateException("The connection has been closed.");
            }

            @Override
            public void ping(java.util.function.Consumer<Throwable> done) {
                throw new IllegalStateException("The connection has been closed.");
            }

            @Override
            public void close(int code, String reason) {
            }
        };
        Outbox outbox = new Outbox(closedSession, 1000);

        outbox.offer("a");

        assertFalse(outbox.offer("b"), "the transport is gone");
        assertEquals(0, outbox.sendingSince(), "nothing is left in flight");
        assertEquals(0, outbox.queued());
    }
}
