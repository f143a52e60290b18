package dev.chatwar.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.chatwar.base.RoomName;
import dev.chatwar.base.UserName;
import dev.chatwar.history.ModeratorAct;
import dev.chatwar.history.RoomEvent;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ClusterCodecTest {

    private final ClusterCodec codec = new ClusterCodec();
    private static final RoomName ROOM = new RoomName("r");
    private static final UserName ALICE = new UserName("alice");

    @Test
    void everyMessageReadsBackAsWritten() {
        Instant at = Instant.parse("2026-12-01T10:15:30.123Z");
        List<ClusterMessage> messages = List.of(
                new ClusterMessage.Stored(new RoomEvent(7, ROOM, 3, RoomEvent.Kind.MESSAGE, ALICE, "hi \"there\" ✓",
                        null, at, false, true, "c-1")),
                new ClusterMessage.Stored(new RoomEvent(8, ROOM, 4, RoomEvent.Kind.RETRACTION, ALICE, null, 7L, at,
                        false, false, null)),
                new ClusterMessage.Stored(new RoomEvent(9, ROOM, 5, RoomEvent.Kind.MODERATION, ALICE, "spam", null, at,
                        false, false, null, List.of(), new ModeratorAct(ModeratorAct.Action.MUTE, new UserName("bob"),
                        at.plusSeconds(600)))),
                new ClusterMessage.Stored(new RoomEvent(10, ROOM, 6, RoomEvent.Kind.MODERATION, ALICE, null, null, at,
                        false, false, null, List.of(), new ModeratorAct(ModeratorAct.Action.KICK, new UserName("bob"),
                        null))),
                new ClusterMessage.Presence(ROOM, ALICE, true),
                new ClusterMessage.Typing(ROOM, ALICE),
                new ClusterMessage.Receipt(ROOM, ALICE, 42),
                new ClusterMessage.RoomPresence(ROOM, Set.of(ALICE, new UserName("bob"))),
                new ClusterMessage.RoomPresence(ROOM, Set.of()),
                new ClusterMessage.Hello(),
                new ClusterMessage.Heartbeat(),
                new ClusterMessage.Invitation(ROOM, new UserName("bob"), ALICE),
                new ClusterMessage.SessionEnded("s-1"));
        for (ClusterMessage message : messages) {
            assertEquals(message, codec.decode(codec.encode(message)));
        }
    }

    @Test
    void textThatIsNoClusterMessageIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> codec.decode("{\"t\":\"gossip\"}"));
        assertThrows(IllegalArgumentException.class, () -> codec.decode("not json"));
    }
}
