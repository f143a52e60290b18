package dev.chatwar.history;

import dev.chatwar.base.RoomName;
import dev.chatwar.base.UserName;

/**
 * One of a user's conversations as its list shows it.
 *
 * @param kind  lobby, public, private or direct
 * @param with  for a direct-message room, the other user; null otherwise
 * @param last  the room's newest event; null for a room without any
 */
public record Conversation(RoomName room, Kind kind, UserName with, RoomEvent last, Reading reading) {

    public enum Kind { LOBBY, PUBLIC, PRIVATE, DIRECT }

    /** When the room last had an event: what the list is sorted by, newest first (0 for none). */
    public long activity() {
        return last == null ? 0 : last.id();
    }
}
