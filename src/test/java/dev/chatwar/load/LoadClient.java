package dev.chatwar.load;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * One connection of the load tool, on the JDK's WebSocket client. Message events go to the run's
 * {@link Traffic} without a JSON parse; the few other frames are parsed and answer waiting requests by ref.
 */
final class LoadClient implements WebSocket.Listener {

    private static final String MESSAGE_PREFIX = "{\"type\":\"message\"";
    private static final String PRESENCE_PREFIX = "{\"type\":\"presence\"";
    private static final String REACTION_PREFIX = "{\"type\":\"reaction\"";

    private final Traffic traffic;
    private final StringBuilder partial = new StringBuilder();
    private final ConcurrentHashMap<String, CompletableFuture<JsonObject>> replies = new ConcurrentHashMap<>();
    private final CompletableFuture<JsonObject> welcome = new CompletableFuture<>();
    private WebSocket socket;
    private CompletableFuture<WebSocket> sending;
    private int nextRef;

    private LoadClient(Traffic traffic) {
        this.traffic = traffic;
    }

    /** Opens a connection of the user; completes when the server has said welcome. */
    static CompletableFuture<LoadClient> open(HttpClient http, URI chat, String token, Traffic traffic) {
        LoadClient client = new LoadClient(traffic);
        return http.newWebSocketBuilder().header("Authorization", "Bearer " + token).buildAsync(chat, client)
                .thenCompose(socket -> {
                    synchronized (client) {
                        client.socket = socket;
                        client.sending = CompletableFuture.completedFuture(socket);
                    }
                    return client.welcome;
                })
                .thenApply(welcome -> client);
    }

    /** Sends a message and waits for its ack; its id, for replies and reactions to it. */
    CompletableFuture<Long> post(String room, String text) {
        return request(Json.createObjectBuilder().add("type", "send").add("room", room).add("text", text))
                .thenApply(ack -> {
                    if (!"ack".equals(ack.getString("type"))) {
                        throw new IllegalStateException("send refused: " + ack);
                    }
                    return ack.getJsonNumber("id").longValue();
                });
    }

    /** Joins the room. */
    CompletableFuture<JsonObject> join(String room) {
        return request(Json.createObjectBuilder().add("type", "join").add("room", room)).thenApply(joined -> {
            if (!"joined".equals(joined.getString("type"))) {
                throw new IllegalStateException("join refused: " + joined);
            }
            return joined;
        });
    }

    private CompletableFuture<JsonObject> request(jakarta.json.JsonObjectBuilder frame) {
        String ref;
        synchronized (this) {
            ref = "r" + nextRef++;
        }
        CompletableFuture<JsonObject> reply = new CompletableFuture<>();
        replies.put(ref, reply);
        send(frame.add("ref", ref).build().toString());
        return reply.orTimeout(30, TimeUnit.SECONDS);
    }

    /** Sends a text frame after the ones sent before: the JDK client takes one send at a time. */
    synchronized CompletableFuture<WebSocket> send(String frame) {
        sending = sending.thenCompose(open -> open.sendText(frame, true));
        sending.whenComplete((open, failure) -> {
            if (failure != null) {
                traffic.sendFailed(failure);
            }
        });
        return sending;
    }

    void close() {
        WebSocket open;
        synchronized (this) {
            open = socket;
        }
        if (open != null && !open.isOutputClosed()) {
            open.sendClose(WebSocket.NORMAL_CLOSURE, "done").exceptionally(failure -> null);
        }
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        if (!last) {
            partial.append(data);
        } else {
            String frame;
            if (partial.isEmpty()) {
                frame = data.toString();
            } else {
                frame = partial.append(data).toString();
                partial.setLength(0);
            }
            take(frame);
        }
        webSocket.request(1);
        return null;
    }

    private void take(String frame) {
        if (frame.startsWith(MESSAGE_PREFIX)) {
            traffic.delivered(frame);
            return;
        }
        if (frame.startsWith(REACTION_PREFIX)) {
            traffic.arrived(Traffic.reactionKey(frame));
            return;
        }
        if (frame.startsWith(PRESENCE_PREFIX)) {
            return; // the lobby tells every connection about every user that comes and goes
        }
        JsonObject object = Json.createReader(new StringReader(frame)).readObject();
        String type = object.getString("type", "");
        if (type.equals("welcome")) {
            welcome.complete(object);
            return;
        }
        if (type.equals("error")) {
            traffic.errorFrame(object.getString("code", "?"));
        }
        String ref = object.getString("ref", null);
        CompletableFuture<JsonObject> waiting = ref == null ? null : replies.remove(ref);
        if (waiting != null) {
            waiting.complete(object);
        }
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        traffic.closed(statusCode);
        welcome.completeExceptionally(new IllegalStateException("closed with " + statusCode + " " + reason));
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        traffic.closed(1006);
        welcome.completeExceptionally(error);
    }
}
