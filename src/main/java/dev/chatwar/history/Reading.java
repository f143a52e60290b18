package dev.chatwar.history;

/** Where a user stands in a room: its read position, and the unread messages of others after it. */
public record Reading(long readSeq, long unread) {
}
