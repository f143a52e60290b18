package dev.chatwar.cluster;

/** The other server nodes, as seen from this one. Sending never blocks the caller. */
public interface Cluster {

    /** A server on its own: nothing to tell anyone. */
    Cluster ALONE = message -> { };

    void tell(ClusterMessage message);
}
