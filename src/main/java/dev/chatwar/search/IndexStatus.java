package dev.chatwar.search;

/** A node's search index: the highest event id it has taken in, and whether it is failing to take the newer ones. */
public record IndexStatus(long indexedId, boolean failing) {
}
