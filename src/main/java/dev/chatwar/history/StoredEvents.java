package dev.chatwar.history;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.function.Consumer;

/**
 * Where the events this node's {@link StoreWriter} committed go, each commit's in id order, on the writer's
 * thread, for whatever follows the store from within the node (the search index). The follower must not block.
 */
@ApplicationScoped
public class StoredEvents {

    private volatile Consumer<List<RoomEvent>> follower = events -> {
    };

    public void follow(Consumer<List<RoomEvent>> follower) {
        this.follower = follower;
    }

    public void committed(List<RoomEvent> events) {
        follower.accept(events);
    }
}
