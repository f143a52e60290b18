package dev.chatwar.history;

import java.util.Collection;
import java.util.List;

/** The stored events in the order of their ids, for whatever follows the store from outside (the search index). */
public interface EventFeed {

    /**
     * The messages, edits and retractions with an id above {@code afterId}, ascending, at most {@code limit}; each
     * message as it stands now (its latest text, or retracted).
     */
    List<RoomEvent> after(long afterId, int limit);

    /** The messages of these ids as they stand now; ids of no message are left out. */
    List<RoomEvent> messages(Collection<Long> ids);

    /** The highest event id stored, 0 when there is none. */
    long lastId();
}
