package dev.chatwar.search;

import dev.chatwar.base.RoomName;
import dev.chatwar.base.UserName;
import java.time.Instant;
import java.util.List;

/**
 * A message found, as the index holds it: where it is (room, id, seq: what its history is paged around), who wrote
 * it and when, its text, and the ranges of the text that match, as UTF-16 offsets [start, end).
 */
public record SearchHit(RoomName room, long id, long seq, UserName author, Instant sentAt, String text,
                        List<Match> matches) {

    public record Match(int start, int end) {
    }

    public SearchHit {
        matches = List.copyOf(matches);
    }
}
