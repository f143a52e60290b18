package dev.chatwar.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chatwar.base.ErrorCode;
import dev.chatwar.base.RoomName;
import dev.chatwar.base.UserName;
import dev.chatwar.support.ForwardingStore;
import dev.chatwar.support.InMemoryEventStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StoreWriterTest {

    private static final RoomName ROOM = new RoomName("r");
    private static final UserName ALICE = new UserName("alice");

    private final InMemoryEventStore store = new InMemoryEventStore();
    private final List<Runnable> parked = new ArrayList<>();
    private final List<Appended> outcomes = new ArrayList<>();

    private static Append message(String text) {
        return new Append.Message(ROOM, ALICE, text, null, Instant.EPOCH);
    }

    private void runParked() {
        while (!parked.isEmpty()) {
            parked.remove(0).run();
        }
    }

    @Test
    void appendsThatQueueWhileTheWriterIsBusyShareOneCommitAndKeepTheirOrder() {
        StoreWriter writer = new StoreWriter(store, parked::add, 1_000);
        for (int i = 1; i <= StoreWriter.MAX_BATCH + 44; i++) {
            assertTrue(writer.submit(message("m" + i), outcomes::add));
        }
        runParked();

        assertEquals(2, store.commits(), "a full batch, then the rest");
        assertEquals(StoreWriter.MAX_BATCH + 44, outcomes.size());
        for (int i = 0; i < outcomes.size(); i++) {
            RoomEvent event = assertInstanceOf(Appended.Stored.class, outcomes.get(i)).event();
            assertEquals(i + 1, event.seq());
            assertEquals("m" + (i + 1), event.text());
        }
    }

    @Test
    void anAppendTheRulesRefuseTakesNoSeqAndTheOthersAreStored() {
        StoreWriter writer = new StoreWriter(store, parked::add, 10);
        writer.submit(message("first"), outcomes::add);
        writer.submit(new Append.Retraction(ROOM, ALICE, 99, Instant.EPOCH), outcomes::add);
        writer.submit(message("second"), outcomes::add);
        runParked();

        assertEquals(1, store.commits());
        assertEquals(ErrorCode.NOT_FOUND,
                assertInstanceOf(Appended.Refused.class, outcomes.get(1)).reason().code());
        assertEquals(2, assertInstanceOf(Appended.Stored.class, outcomes.get(2)).event().seq());
    }

    @Test
    void aBatchThatFailsIsTriedAgainOneAppendAtATime() {
        EventStore poisoned = new ForwardingStore(store) {
            @Override
            public List<Appended> appendAll(List<Append> appends) {
                if (appends.stream().anyMatch(a -> a instanceof Append.Message m && m.text().equals("poison"))) {
                    throw new IllegalStateException("constraint violated");
                }
                return super.appendAll(appends);
            }
        };
        StoreWriter writer = new StoreWriter(poisoned, parked::add, 10);
        writer.submit(message("one"), outcomes::add);
        writer.submit(message("poison"), outcomes::add);
        writer.submit(message("two"), outcomes::add);
        runParked();

        assertEquals(1, assertInstanceOf(Appended.Stored.class, outcomes.get(0)).event().seq());
        assertInstanceOf(Appended.Failed.class, outcomes.get(1));
        assertEquals(2, assertInstanceOf(Appended.Stored.class, outcomes.get(2)).event().seq());
    }

    @Test
    void aFullQueueRefusesMoreAndQueuesNothing() {
        StoreWriter writer = new StoreWriter(store, parked::add, 2);
        assertTrue(writer.submit(message("a"), outcomes::add));
        assertTrue(writer.submit(message("b"), outcomes::add));
        assertEquals(false, writer.submit(message("c"), outcomes::add));
        runParked();
        assertEquals(2, outcomes.size());
        assertEquals(0, store.page(ROOM, HistoryQuery.newest(10)).stream().filter(e -> "c".equals(e.text())).count());
    }
}
