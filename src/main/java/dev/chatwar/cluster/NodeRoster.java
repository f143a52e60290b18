package dev.chatwar.cluster;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The other nodes this one has heard from lately. */
public final class NodeRoster {

    private final long timeoutMillis;
    private final Map<String, Long> lastHeard = new HashMap<>();

    public NodeRoster(long timeoutMillis) {
        this.timeoutMillis = timeoutMillis;
    }

    /** Notes that the node spoke; true when it was not known (new, or taken for dead before). */
    public synchronized boolean heard(String node, long nowMillis) {
        return lastHeard.put(node, nowMillis) == null;
    }

    /** Forgets and returns the nodes silent for longer than the timeout. */
    public synchronized List<String> expire(long nowMillis) {
        List<String> dead = new ArrayList<>();
        lastHeard.entrySet().removeIf(entry -> {
            boolean silent = nowMillis - entry.getValue() > timeoutMillis;
            if (silent) {
                dead.add(entry.getKey());
            }
            return silent;
        });
        return dead;
    }

    public synchronized int size() {
        return lastHeard.size();
    }
}
