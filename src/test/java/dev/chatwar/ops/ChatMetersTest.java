package dev.chatwar.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chatwar.base.ErrorCode;
import dev.chatwar.chat.Chat;
import dev.chatwar.connection.Connection;
import dev.chatwar.connection.Traffic;
import dev.chatwar.identity.Accounts;
import dev.chatwar.identity.PasswordHash;
import dev.chatwar.protocol.CloseCodes;
import dev.chatwar.room.RoomAccess;
import dev.chatwar.support.InMemoryAccountStore;
import dev.chatwar.support.InMemoryEventStore;
import dev.chatwar.support.InMemoryRoomDirectory;
import dev.chatwar.support.RecordingSink;
import dev.chatwar.support.TestSessions;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ChatMetersTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final Chat chat = new Chat(new InMemoryEventStore(), new RoomAccess(new InMemoryRoomDirectory(), Set.of()),
            Clock.systemUTC(), 1_000_000);
    private final Traffic traffic = new Traffic();
    private final ChatMeters meters = new ChatMeters(registry, chat, traffic,
            new Accounts(new InMemoryAccountStore(), new PasswordHash(1000), Clock.systemUTC(), Duration.ofHours(1)));

    @Test
    void countersReadWhatTheChatCountsWhenAsked() {
        traffic.received();
        traffic.sent(List.of("{\"type\":\"message\",\"room\":\"a\"}", "{\"type\":\"presence\"}"));
        traffic.handshakeRefused(ErrorCode.UNAUTHENTICATED);
        traffic.handshakeRefused(ErrorCode.UNAUTHENTICATED);
        meters.registerNewLabels();

        assertEquals(1, registry.get("chat.frames.received").functionCounter().count());
        assertEquals(2, registry.get("chat.frames.sent").functionCounter().count());
        assertEquals(1, registry.get("chat.deliveries").functionCounter().count());
        assertEquals(2, registry.get("chat.handshakes").tag("reason", "unauthenticated").functionCounter().count());
    }

    @Test
    void closesAreLabelledByWhoDecidedAndAClientsOwnCodesShareOneLabel() {
        for (int code : new int[] {1000, 4123, 4999}) {
            Connection connection = chat.open(TestSessions.of("u" + code), "127.0.0.1", new RecordingSink(),
                    null);
            chat.closed(connection, code);
        }
        Connection slow = chat.open(TestSessions.of("slow"), "127.0.0.1", new RecordingSink(), null);
        slow.close(CloseCodes.SLOW_CONSUMER, "send queue overflow");
        chat.closed(slow, 1006);
        meters.registerNewLabels();

        assertEquals(1, registry.get("chat.closes").tags("by", "client", "code", "1000").functionCounter().count());
        assertEquals(2, registry.get("chat.closes").tags("by", "client", "code", "other").functionCounter().count());
        assertEquals(1, registry.get("chat.closes").tags("by", "server", "code", "4008").functionCounter().count());
        assertEquals(1, registry.get("chat.slow.consumer.closes").functionCounter().count());
    }

    @Test
    void sendQueuesAreSampledPerConnection() {
        chat.open(TestSessions.of("one"), "127.0.0.1", new RecordingSink(), null);
        chat.open(TestSessions.of("two"), "127.0.0.1", new RecordingSink(), null);
        meters.sampleSendQueues();
        assertEquals(2, registry.get("chat.send.queue").summary().count());
    }
}
