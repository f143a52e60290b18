package dev.chatwar.cluster;

import dev.chatwar.connection.Mailbox;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSProducer;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.Message;
import jakarta.jms.Topic;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.activemq.artemis.api.core.client.FailoverEventType;
import org.apache.activemq.artemis.jms.client.ActiveMQConnection;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * The other nodes, reached through a Jakarta Messaging topic on an ActiveMQ Artemis broker. Every node
 * publishes to the topic and hears every other node's messages. The messages are not persistent: the
 * database holds every event, and a node that missed a notification reads what it missed from there.
 * Sends and receipts each run one at a time, in order, on the executor, never on the caller's thread.
 */
public final class JmsCluster implements Cluster, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(JmsCluster.class.getName());
    private static final String NODE_PROPERTY = "node";
    // a notification that cannot be queued is lost; the node that misses it reads the event from the store
    private static final int BACKLOG = 100_000;
    private static final long SEND_TIMEOUT_MILLIS = 5_000;

    private final ClusterSettings settings;
    private final ClusterCodec codec = new ClusterCodec();
    private final Mailbox outbound;
    private final Mailbox inbound;
    private final JMSContext context;
    private final JMSContext consumerContext;
    private final Topic topic;
    private final JMSProducer producer;
    private volatile boolean connected = true;

    /** Connects to the broker. @throws JMSRuntimeException when it cannot be reached */
    public JmsCluster(ClusterSettings settings, Executor executor) {
        this.settings = settings;
        // queued by the application's threads and the broker client's, never the container's I/O threads: a
        // refusal (the application stopping) runs them where they were queued, so departures still go out
        this.outbound = new Mailbox(executor, BACKLOG, Mailbox.WhenRefused.RUN_HERE);
        this.inbound = new Mailbox(executor, BACKLOG, Mailbox.WhenRefused.RUN_HERE);
        ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(settings.brokerUrl(), settings.user(),
                settings.password());
        String url = settings.brokerUrl();
        if (!url.contains("reconnectAttempts")) {
            factory.setReconnectAttempts(-1); // a broker that restarts is reconnected to, however long it takes
        }
        if (!url.contains("callFailoverTimeout")) {
            // a send while the broker is away gives up after this, instead of holding its thread until it is back
            factory.setCallFailoverTimeout(SEND_TIMEOUT_MILLIS);
        }
        try {
            ActiveMQConnection connection = (ActiveMQConnection) factory.createConnection();
            connection.setFailoverListener(event -> {
                connected = event == FailoverEventType.FAILOVER_COMPLETED;
                LOG.log(connected ? Level.INFO : Level.WARNING, "connection to the broker: " + event);
            });
            this.context = connection.createContext(JMSContext.AUTO_ACKNOWLEDGE);
        } catch (JMSException failure) {
            throw new JMSRuntimeException("cannot reach the broker at " + url, failure.getErrorCode(), failure);
        }
        this.consumerContext = context.createContext(JMSContext.AUTO_ACKNOWLEDGE);
        this.topic = context.createTopic(settings.topic());
        this.producer = context.createProducer().setDeliveryMode(DeliveryMode.NON_PERSISTENT)
                .setProperty(NODE_PROPERTY, settings.node());
        // also told after a reconnection (messages sent meanwhile may be lost): the failover listener above
        // says whether the connection is up
        context.setExceptionListener(failure -> LOG.log(Level.WARNING, "connection to the broker failed", failure));
    }

    /** Starts hearing the other nodes: each message is handed to {@code receiver} with its sender's node id. */
    public void listen(BiConsumer<String, ClusterMessage> receiver) {
        // noLocal: this node's own messages, sent on the same connection, are not delivered back to it
        JMSConsumer consumer = consumerContext.createConsumer(topic, null, true);
        consumer.setMessageListener(message -> receive(message, receiver));
    }

    private void receive(Message message, BiConsumer<String, ClusterMessage> receiver) {
        try {
            String node = message.getStringProperty(NODE_PROPERTY);
            String body = message.getBody(String.class);
            if (node == null || node.equals(settings.node())) {
                return;
            }
            if (!inbound.offer(() -> receiver.accept(node, codec.decode(body)))) {
                LOG.warning("cluster message dropped: this node is " + BACKLOG + " messages behind");
            }
        } catch (JMSException | RuntimeException unreadable) {
            LOG.log(Level.WARNING, "unreadable cluster message ignored", unreadable);
        }
    }

    @Override
    public void tell(ClusterMessage message) {
        String text = codec.encode(message);
        if (!outbound.offer(() -> send(text))) {
            LOG.warning("cluster message not sent: " + BACKLOG + " are waiting for the broker");
        }
    }

    private void send(String text) {
        try {
            producer.send(topic, text);
        } catch (JMSRuntimeException failure) {
            LOG.log(Level.WARNING, "could not tell the other nodes", failure);
        }
    }

    /** False from the moment the broker connection fails until it is made again. */
    public boolean connected() {
        return connected;
    }

    public String node() {
        return settings.node();
    }

    @Override
    public void close() {
        consumerContext.close();
        context.close();
    }
}
