package dev.chatwar.it;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.websocket.ClientEndpoint;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.ContainerProvider;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * A Tyrus client of the chat, signed in with a bearer token, that keeps every frame it receives and waits
 * on them with bounded awaits.
 */
@ClientEndpoint(configurator = ChatClient.Bearer.class)
public class ChatClient {

    static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Duration POLL = Duration.ofMillis(2);
    private static final AtomicLong REFS = new AtomicLong();

    private final String user;
    private final List<JsonObject> frames = new CopyOnWriteArrayList<>();
    private final Set<String> rooms = ConcurrentHashMap.newKeySet();
    private final CompletableFuture<CloseReason> closed = new CompletableFuture<>();
    private volatile Session session;

    private ChatClient(String user) {
        this.user = user;
    }

    /** A bounded wait that polls often: a chat round trip takes milliseconds, Awaitility's default poll 100. */
    static ConditionFactory waiting() {
        return Awaitility.await().atMost(TIMEOUT).pollDelay(Duration.ZERO).pollInterval(POLL);
    }

    /** Connects as the user and waits until the server has joined it to the lobby. */
    public static ChatClient connect(URI base, String user) {
        return connect(base, user, null);
    }

    /** Connects as the user, resuming the lobby after {@code lobbyAfter} when it is not null. */
    public static ChatClient connect(URI base, String user, Long lobbyAfter) {
        return connect(base, user, TestUsers.token(user), lobbyAfter);
    }

    /** Connects with the given bearer token of the user. */
    public static ChatClient connect(URI base, String user, String token, Long lobbyAfter) {
        ChatClient client = new ChatClient(user);
        URI uri = chatUri(base);
        // Tyrus makes the configurator from the annotation and, for a synchronous connect, calls it on this
        // thread: the token travels in a thread-local, so clients on other threads connect at the same time
        Bearer.TOKEN.set(token);
        try {
            // a container of its own: Tyrus shuts a container's executors down when its last session
            // closes, racing any connect that starts meanwhile (eclipse-ee4j/tyrus#640)
            ContainerProvider.getWebSocketContainer().connectToServer(client,
                    lobbyAfter == null ? uri : URI.create(uri + "?after=" + lobbyAfter));
        } catch (Exception e) {
            throw new IllegalStateException("could not connect as " + user + "; the handshake's answer: "
                    + Bearer.LAST.get().answer, e);
        } finally {
            Bearer.TOKEN.remove();
            Bearer.LAST.remove();
        }
        client.await(frame -> frame.getString("type").equals("joined") && frame.getString("room").equals("lobby"));
        client.rooms.add("lobby");
        return client;
    }

    static URI chatUri(URI base) {
        return URI.create(base.toString().replaceFirst("^http", "ws") + "chat");
    }

    /** Adds the bearer token of the client that this thread is connecting to its handshake. */
    public static class Bearer extends ClientEndpointConfig.Configurator {
        static final ThreadLocal<String> TOKEN = new ThreadLocal<>();
        /** The configurator of this thread's connect: Tyrus makes one per connect, and reports the answer to it. */
        static final ThreadLocal<Bearer> LAST = ThreadLocal.withInitial(Bearer::new);

        private volatile Map<String, List<String>> answer = Map.of();

        @Override
        public void afterResponse(HandshakeResponse response) {
            answer = new HashMap<>(response.getHeaders()); // a failed handshake's headers say who answered it
        }

        @Override
        public void beforeRequest(Map<String, List<String>> headers) {
            LAST.set(this);
            String token = TOKEN.get();
            if (token == null) {
                throw new IllegalStateException("no token for this handshake: connect through ChatClient.connect");
            }
            headers.put("Authorization", List.of("Bearer " + token));
        }
    }

    @OnOpen
    public void opened(Session session) {
        this.session = session;
    }

    @OnMessage
    public void received(String frame) {
        try (var reader = Json.createReader(new StringReader(frame))) {
            frames.add(reader.readObject());
        }
    }

    @OnClose
    public void closed(CloseReason reason) {
        closed.complete(reason);
    }

    public String user() {
        return user;
    }

    public synchronized void sendRaw(String frame) {
        try {
            session.getBasicRemote().sendText(frame);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends a request with a fresh ref and returns the server's answer to it (ack, joined, left or error). */
    public JsonObject request(JsonObject request) {
        String ref = user + "-" + REFS.incrementAndGet();
        sendRaw(Json.createObjectBuilder(request).add("ref", ref).build().toString());
        return await(frame -> ref.equals(frame.getString("ref", null)));
    }

    /** Sends {@code count} messages without waiting in between, then waits for the answer to the last. */
    public JsonObject sayMany(String room, String text, int count) {
        String last = null;
        for (int i = 0; i < count; i++) {
            last = user + "-" + REFS.incrementAndGet();
            sendRaw(Json.createObjectBuilder().add("type", "send").add("room", room).add("text", text)
                    .add("ref", last).build().toString());
        }
        String ref = last;
        return await(frame -> ref.equals(frame.getString("ref", null)));
    }

    public JsonObject join(String room) {
        rooms.add(room);
        return request(Json.createObjectBuilder().add("type", "join").add("room", room).build());
    }

    /** Joins, naming the last seq seen in the room so that the server replays what came after it. */
    public JsonObject join(String room, long after) {
        rooms.add(room);
        return request(Json.createObjectBuilder().add("type", "join").add("room", room).add("after", after).build());
    }

    /** Leaves the room as its user: the membership ends, and every connection of the user leaves it. */
    public JsonObject leave(String room) {
        rooms.remove(room);
        return request(Json.createObjectBuilder().add("type", "leave").add("room", room).build());
    }

    /** Takes this connection out of the room; its user stays a member. */
    public JsonObject leaveHere(String room) {
        rooms.remove(room);
        return request(Json.createObjectBuilder().add("type", "leave").add("room", room).add("keepMembership", true)
                .build());
    }

    /** Lists the user's conversations, as the {@code conversations} reply holds them. */
    public JsonObject conversations() {
        return request(Json.createObjectBuilder().add("type", "conversations").build());
    }

    public JsonObject say(String room, String text) {
        return request(Json.createObjectBuilder().add("type", "send").add("room", room).add("text", text).build());
    }

    /** Sends a message that answers message {@code replyTo}. */
    public JsonObject reply(String room, long replyTo, String text) {
        return request(Json.createObjectBuilder().add("type", "send").add("room", room).add("text", text)
                .add("replyTo", replyTo).build());
    }

    /** {@code add}: puts the emoji on the message ({@code react}); else takes it off ({@code unreact}). */
    public JsonObject react(long messageId, String emoji, boolean add) {
        return request(Json.createObjectBuilder().add("type", add ? "react" : "unreact").add("id", messageId)
                .add("emoji", emoji).build());
    }

    /** A page of message {@code thread}'s thread, as the {@code history} reply holds it. */
    public JsonObject thread(String room, long thread) {
        return request(Json.createObjectBuilder().add("type", "history").add("room", room).add("thread", thread)
                .add("limit", 200).build());
    }

    public JsonObject edit(long messageId, String text) {
        return request(Json.createObjectBuilder().add("type", "edit").add("id", messageId).add("text", text).build());
    }

    /** A moderator's act on {@code target} in the room; {@code extra}: more fields, such as duration and reason. */
    public JsonObject moderate(String room, String action, String target, JsonObject extra) {
        return request(Json.createObjectBuilder(extra).add("type", "moderate").add("room", room).add("action", action)
                .add("user", target).build());
    }

    public JsonObject moderate(String room, String action, String target) {
        return moderate(room, action, target, JsonValue.EMPTY_JSON_OBJECT);
    }

    public JsonObject retract(long messageId) {
        return request(Json.createObjectBuilder().add("type", "retract").add("id", messageId).build());
    }

    public List<JsonObject> frames() {
        return List.copyOf(frames);
    }

    /** Frames of one type concerning one room, in the order they arrived. */
    public List<JsonObject> inRoom(String room, String type) {
        return frames.stream()
                .filter(frame -> frame.getString("type").equals(type) && room.equals(frame.getString("room", null)))
                .toList();
    }

    public List<JsonObject> awaitInRoom(String room, String type, int count) {
        waiting().until(() -> inRoom(room, type).size() >= count);
        return inRoom(room, type);
    }

    /** The first frame, received so far or within the timeout, that matches. */
    public JsonObject await(Predicate<JsonObject> matching) {
        return waiting().until(() -> find(matching), Optional::isPresent).orElseThrow();
    }

    public Optional<JsonObject> find(Predicate<JsonObject> matching) {
        return frames.stream().filter(matching).findFirst();
    }

    /**
     * Takes this connection out of every room (its user stays a member), so the server has nothing more to send,
     * then closes with 1000. Tyrus drops the TCP connection right after sending its close frame; a server frame
     * still arriving then makes the client's kernel answer with a reset, and the server sees 1006 instead of the
     * close frame it had not read yet.
     */
    public CloseReason leaveAndClose() {
        List.copyOf(rooms).forEach(this::leaveHere);
        return closeNormally();
    }

    /** Closes with 1000 NORMAL_CLOSURE at once and waits until the client has closed. */
    public CloseReason closeNormally() {
        try {
            session.close(new CloseReason(CloseReason.CloseCodes.NORMAL_CLOSURE, "bye"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return awaitClose();
    }

    public CloseReason awaitClose() {
        try {
            return closed.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(user + " was not closed within " + TIMEOUT, e);
        }
    }

    public boolean isOpen() {
        return session.isOpen();
    }
}
