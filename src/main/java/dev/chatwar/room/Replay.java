package dev.chatwar.room;

import dev.chatwar.history.RoomEvent;
import java.util.List;

/** The events a joining client missed, read from the store up to {@code upTo}, or a reset if too many. */
public record Replay(long upTo, List<RoomEvent> events, boolean reset) {
}
