package dev.chatwar.room;

/**
 * Thrown by a room that was dropped from memory, idle, after the caller found it: nothing was done, and the
 * caller acts again on the room {@link Rooms} holds now (see {@link Rooms#live}).
 */
public final class RetiredRoom extends RuntimeException {
    RetiredRoom() {
        super("the room was dropped from memory", null, false, false);
    }
}
