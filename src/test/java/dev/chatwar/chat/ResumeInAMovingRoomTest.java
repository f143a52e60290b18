package dev.chatwar.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chatwar.base.MessageText;
import dev.chatwar.base.RoomName;
import dev.chatwar.base.UserName;
import dev.chatwar.connection.Connection;
import dev.chatwar.history.EventStore;
import dev.chatwar.history.HistoryQuery;
import dev.chatwar.history.RoomEvent;
import dev.chatwar.protocol.Request;
import dev.chatwar.room.RoomAccess;
import dev.chatwar.support.ForwardingStore;
import dev.chatwar.support.InMemoryEventStore;
import dev.chatwar.support.InMemoryRoomDirectory;
import dev.chatwar.support.RecordingSink;
import dev.chatwar.support.TestSessions;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * A resuming join reads what the client missed outside the room's lock, then checks the room has not moved
 * on. Here every read outside the lock races a new message into the room, so the check never holds: after a
 * few attempts the join reads the last gap under the lock, and the client still sees every event once, in order.
 */
class ResumeInAMovingRoomTest {

    private static final RoomName ROOM = new RoomName("busy");

    private final InMemoryEventStore stored = new InMemoryEventStore();
    private Chat chat;
    private volatile boolean racing;
    private int raced;
    private final List<CompletableFuture<?>> racers = new java.util.ArrayList<>();

    // the store, but each page read while racing lets another thread publish one more message first
    private final EventStore store = new ForwardingStore(stored) {
        @Override
        public List<RoomEvent> page(RoomName room, HistoryQuery query) {
            if (racing && room.equals(ROOM)) {
                raced++;
                CompletableFuture<?> other = CompletableFuture.runAsync(() -> say("raced " + raced));
                racers.add(other);
                try {
                    other.get(500, TimeUnit.MILLISECONDS);
                } catch (TimeoutException heldByTheRoomsLock) {
                    // the read under the lock: the other thread waits for it, as it should
                } catch (Exception failed) {
                    throw new IllegalStateException(failed);
                }
            }
            return super.page(room, query);
        }
    };

    private void say(String text) {
        chat.publish(new UserName("talker"), new Request.Send(ROOM, new MessageText(text), null, null)).join();
    }

    @Test
    void aResumingJoinInARoomThatNeverStopsMovingStillGetsEveryEventOnceInOrder() {
        chat = new Chat(store, new RoomAccess(new InMemoryRoomDirectory(), Set.of()), Clock.systemUTC(), 1_000_000);
        for (int i = 0; i < 5; i++) {
            say("before " + i);
        }
        RecordingSink sink = new RecordingSink();
        Connection resuming = chat.open(TestSessions.of("resumer"), "127.0.0.1", sink, null);

        racing = true;
        chat.receive(resuming, "{\"type\":\"join\",\"room\":\"busy\",\"after\":2}");
        racing = false;
        // the message raced during the read under the lock is published once the join let go of the room
        CompletableFuture.allOf(racers.toArray(CompletableFuture[]::new)).orTimeout(10, TimeUnit.SECONDS).join();
        say("after the join");

        assertTrue(raced > 5, raced + " reads: the room moved on during every read outside the lock");
        long last = stored.lastSeq(ROOM);
        List<Long> seen = sink.framesOfType("message").stream()
                .filter(frame -> frame.getString("room").equals(ROOM.value()))
                .map(frame -> frame.getJsonNumber("seq").longValue()).toList();
        assertEquals(LongStream.rangeClosed(3, last).boxed().toList(), seen,
                "from after the seq named to the last, each once, in order, across " + raced + " raced reads");
    }
}
