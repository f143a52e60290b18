package dev.chatwar.room;

import dev.chatwar.connection.Connection;
import java.util.Set;

/** What {@link Room#deliver} did: connections to drop, and whether an event was held back by a gap before it. */
public record Delivery(Set<Connection> dropped, boolean gap) {
}
