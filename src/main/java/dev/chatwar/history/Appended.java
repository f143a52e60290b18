package dev.chatwar.history;

import dev.chatwar.base.ChatException;

/** What became of one {@link Append}. */
public sealed interface Appended {

    /** Committed as this event. */
    record Stored(RoomEvent event) implements Appended {
    }

    /** Nothing stored: the author's message with the same clientId was stored before, as this event. */
    record Duplicate(RoomEvent earlier) implements Appended {
    }

    /** Nothing stored, by the rules (the message is retracted or gone, say): the reason goes to the client. */
    record Refused(ChatException reason) implements Appended {
    }

    /** Nothing stored: the store failed, and the same request may be tried again. */
    record Failed(RuntimeException failure) implements Appended {
    }
}
