package dev.chatwar.history;

/** What a reaction event did: an emoji added to a message or taken off it, and the message's count of it after. */
public record ReactionChange(String emoji, boolean added, int count) {
}
