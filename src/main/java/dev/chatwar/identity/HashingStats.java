package dev.chatwar.identity;

/**
 * The password hashing a server has done since it started: hashes computed, callers refused with
 * {@code server_busy} without one, and the most computed at the same moment (bounded by the gate).
 */
public record HashingStats(long hashed, long refusedBusy, int mostAtOnce) {
}
