package dev.chatwar.history;

import java.time.Instant;

/** A message's thread as its members see it: how many replies it has had, and when the last came. */
public record ThreadSummary(int replies, Instant lastReplyAt) {
}
