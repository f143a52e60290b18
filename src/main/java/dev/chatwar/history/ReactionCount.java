package dev.chatwar.history;

/** One emoji on a message: how many users reacted with it, and whether the reader is one of them. */
public record ReactionCount(String emoji, int count, boolean mine) {

    /** Distinct emoji one message can carry; one more is refused with {@code too_many_reactions}. */
    public static final int MAX_PER_MESSAGE = 20;
}
