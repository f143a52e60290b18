package dev.chatwar.cluster;

import java.util.Optional;
import java.util.UUID;

/**
 * How this node finds the others, from system properties. Without {@value #BROKER} the server runs on its own.
 *
 * @param brokerUrl       the Artemis broker, e.g. {@code tcp://broker:61616?reconnectAttempts=-1}
 * @param topic           the topic every node of one chat publishes to and listens on
 * @param node            this node's id, unique among the nodes; random unless set
 * @param peerTimeoutSecs a node not heard from for this long is taken for dead: its users leave
 */
public record ClusterSettings(String brokerUrl, String user, String password, String topic, String node,
                              long peerTimeoutSecs) {

    public static final String BROKER = "chat.cluster.broker";
    public static final String USER = "chat.cluster.user";
    public static final String PASSWORD = "chat.cluster.password";
    public static final String TOPIC = "chat.cluster.topic";
    public static final String NODE = "chat.cluster.node";
    public static final String PEER_TIMEOUT = "chat.cluster.peer-timeout";
    /** Seconds between two heartbeats of a node; the peer timeout must be several of them. */
    public static final long HEARTBEAT_SECS = 1;

    /** Whether this server is one node of several: {@value #BROKER} names a broker. */
    public static boolean configured() {
        return !System.getProperty(BROKER, "").isBlank();
    }

    public static Optional<ClusterSettings> fromSystemProperties() {
        if (!configured()) {
            return Optional.empty();
        }
        return Optional.of(new ClusterSettings(System.getProperty(BROKER).strip(), System.getProperty(USER), System.getProperty(PASSWORD),
                System.getProperty(TOPIC, "chat.cluster"),
                System.getProperty(NODE, UUID.randomUUID().toString()),
                Long.getLong(PEER_TIMEOUT, 5)));
    }
}
