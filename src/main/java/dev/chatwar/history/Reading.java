package dev.chatwar.history;

/**
 * Where a user stands in a room: its read position, the unread messages of others after it, and how many of
 * those mention the user (both counted up to {@link EventStore#MAX_UNREAD}).
 */
public record Reading(long readSeq, long unread, long mentions) {
}
