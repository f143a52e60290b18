package dev.chatwar.history;

import java.util.List;
import java.util.Map;

/** A page of events as one reader gets it: the events, and the reactions on its messages as that reader sees them. */
public record HistoryPage(List<RoomEvent> events, Map<Long, List<ReactionCount>> reactions) {

    public HistoryPage {
        events = List.copyOf(events);
        reactions = Map.copyOf(reactions);
    }

    public List<ReactionCount> reactionsOn(RoomEvent event) {
        return reactions.getOrDefault(event.id(), List.of());
    }
}
