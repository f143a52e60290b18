package dev.chatwar.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chatwar.load.ServerProcess;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;
import jakarta.websocket.WebSocketContainer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.glassfish.tyrus.client.ClientManager;
import org.glassfish.tyrus.client.ClientProperties;
import org.junit.jupiter.api.Test;

/**
 * Thousands of idle connections from one address, up to the test server's per-address limit of 2,100
 * (arquillian.xml): the next one is refused with 429, and the server's memory per connection is printed.
 * Plain {@link Endpoint}s, not {@link ChatClient}s: they only have to stay connected, and a programmatic
 * endpoint takes its bearer token per connection, so they can connect in parallel.
 */
class ManyConnectionsIT extends DeployedWar {

    private static final int ADDRESS_LIMIT = 2_100;
    private static final int PER_USER = 20;
    private static final WebSocketContainer CONTAINER = sharedTransport();

    /** Close codes of the idle connections that the server closed, with how many; none are expected. */
    private static final Map<String, Integer> CLOSED = new java.util.concurrent.ConcurrentHashMap<>();

    private static final class Idle extends Endpoint {
        @Override
        public void onOpen(Session session, EndpointConfig config) {
            session.addMessageHandler(String.class, frame -> { });
        }

        @Override
        public void onClose(Session session, CloseReason reason) {
            CLOSED.merge(reason.getCloseCode().getCode() + " " + reason.getReasonPhrase(), 1, Integer::sum);
        }
    }

    // By default Tyrus starts a transport with its own threads for every connection: 2,100 connections made
    // over 6,000 threads in this JVM, which then answered the server's pings too late. One shared transport.
    private static WebSocketContainer sharedTransport() {
        ClientManager client = ClientManager.createClient();
        client.getProperties().put(ClientProperties.SHARED_CONTAINER, true);
        return client;
    }

    private static Session open(String user) throws Exception {
        String authorization = TestUsers.authorization(user);
        ClientEndpointConfig config = ClientEndpointConfig.Builder.create()
                .configurator(new ClientEndpointConfig.Configurator() {
                    @Override
                    public void beforeRequest(Map<String, List<String>> headers) {
                        headers.put("Authorization", List.of(authorization));
                    }
                }).build();
        return CONTAINER.connectToServer(new Idle(), config, ChatClient.chatUri(ChatWar.BASE));
    }

    @Test
    void anAddressMayHoldUpToItsLimitOfIdleConnectionsAndIsRefusedTheNext() throws Exception {
        List<String> users = new ArrayList<>();
        for (int i = 0; i < ADDRESS_LIMIT / PER_USER; i++) {
            users.add("idle" + i + "-" + suffix);
            TestUsers.token(users.get(i));
        }
        ServerMemory before = ServerMemory.measure();
        long start = System.nanoTime();
        ExecutorService connecting = Executors.newFixedThreadPool(8);
        List<Future<Session>> opening = new ArrayList<>();
        for (int i = 0; i < ADDRESS_LIMIT; i++) {
            String user = users.get(i % users.size());
            opening.add(connecting.submit(() -> open(user)));
        }
        List<Session> sessions = new ArrayList<>();
        for (Future<Session> session : opening) {
            sessions.add(session.get());
        }
        connecting.shutdown();
        api.awaitConnections(ADDRESS_LIMIT);
        double seconds = (System.nanoTime() - start) / 1e9;

        ServerMemory after = ServerMemory.measure();
        System.out.printf("%d idle connections of %d users opened in %.1f s (%.0f/s); server heap %+.1f KB and"
                        + " RSS %+.1f KB per connection%n", ADDRESS_LIMIT, users.size(), seconds, ADDRESS_LIMIT / seconds,
                (after.heapBytes() - before.heapBytes()) / 1024.0 / ADDRESS_LIMIT,
                (after.rssBytes() - before.rssBytes()) / 1024.0 / ADDRESS_LIMIT);

        try (RawSocket oneMore = RawSocket.handshakeAs("one-more-" + suffix, 0)) {
            assertEquals(429, oneMore.status());
        }
        sessions.get(0).close(new CloseReason(CloseReason.CloseCodes.NORMAL_CLOSURE, "making room"));
        api.awaitConnections(ADDRESS_LIMIT - 1);
        ChatClient normal = ChatClient.connect(ChatWar.BASE, "normal-" + suffix);
        assertEquals("ack", normal.say("lobby", "the server still serves").getString("type"));
        normal.leaveAndClose();

        for (Session session : sessions.subList(1, sessions.size())) {
            if (session.isOpen()) {
                session.close(new CloseReason(CloseReason.CloseCodes.NORMAL_CLOSURE, "done"));
            }
        }
        api.awaitConnections(0);
        CLOSED.remove("1000 done");
        CLOSED.remove("1000 making room");
        assertEquals(Map.of(), CLOSED, "idle connections that the server closed, by close code and reason");
    }

    /** The test server's used heap after a full GC, and its resident set. */
    private record ServerMemory(long heapBytes, long rssBytes) {

        static ServerMemory measure() {
            String serverHome = System.getProperty("chat.it.server-home");
            ServerProcess server = ServerProcess.matching(serverHome); // throws if there is none
            return new ServerMemory(server.liveHeapBytes().orElseThrow(() -> new AssertionError("no heap reading")),
                    server.residentBytes().orElseThrow(() -> new AssertionError("no RSS reading")));
        }
    }
}
