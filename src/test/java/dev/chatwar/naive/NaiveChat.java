package dev.chatwar.naive;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.io.StringReader;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** Broadcast by the book: each message numbered under its room's lock and sent to every member right there. */
@ServerEndpoint(value = "/chat", configurator = BearerUser.class)
public class NaiveChat {

    private static final Map<String, Room> ROOMS = new ConcurrentHashMap<>();
    private static final AtomicLong IDS = new AtomicLong();
    private static final AtomicLong CONNECTIONS = new AtomicLong();

    private static final class Room {
        final Set<Session> members = ConcurrentHashMap.newKeySet();
        long seq;
    }

    private final Set<Room> joined = ConcurrentHashMap.newKeySet();
    private String user;

    @OnOpen
    public void open(Session session) {
        user = (String) session.getUserProperties().getOrDefault(BearerUser.USER, "anonymous");
        send(session, Json.createObjectBuilder().add("type", "welcome").add("user", user)
                .add("connection", "c" + CONNECTIONS.incrementAndGet()));
        Room lobby = enter("lobby", session);
        send(session, Json.createObjectBuilder().add("type", "joined").add("room", "lobby").add("lastSeq", lobby.seq)
                .add("present", Json.createArrayBuilder()));
    }

    @OnMessage
    public void message(String text, Session session) {
        JsonObject request;
        try {
            request = Json.createReader(new StringReader(text)).readObject();
        } catch (JsonException | ClassCastException e) {
            send(session, error("invalid_json", "not JSON", null));
            return;
        }
        String type = request.getString("type", "");
        String name = request.getString("room", "");
        String ref = request.getString("ref", null);
        if (type.equals("join")) {
            Room room = enter(name, session);
            send(session, withRef(Json.createObjectBuilder().add("type", "joined").add("room", name)
                    .add("lastSeq", room.seq).add("present", Json.createArrayBuilder()), ref));
        } else if (type.equals("send")) {
            Room room = ROOMS.get(name);
            if (room == null || !room.members.contains(session)) {
                send(session, error("not_in_room", "join first", ref));
                return;
            }
            publish(room, name, request.getString("text", ""), session, ref);
        } else {
            send(session, error("unknown_type", "the naive endpoint knows join and send", ref));
        }
    }

    private void publish(Room room, String name, String text, Session author, String ref) {
        long id = IDS.incrementAndGet();
        synchronized (room) {
            long seq = ++room.seq;
            JsonObjectBuilder event = Json.createObjectBuilder().add("type", "message").add("room", name)
                    .add("id", id).add("seq", seq).add("user", user).add("sentAt", Instant.now().toString())
                    .add("text", text).add("edited", false).add("retracted", false);
            JsonObject base = event.build();
            // encoded twice, as the WAR and the Node peer do: once for the author, once for everyone else
            String own = Json.createObjectBuilder(base).add("own", true).build().toString();
            String others = Json.createObjectBuilder(base).add("own", false).build().toString();
            for (Session member : room.members) {
                if (member.isOpen()) {
                    member.getAsyncRemote().sendText(member == author ? own : others);
                }
            }
            send(author, withRef(Json.createObjectBuilder().add("type", "ack").add("room", name).add("id", id)
                    .add("seq", seq), ref));
        }
    }

    @OnClose
    public void close(Session session, CloseReason reason) {
        joined.forEach(room -> room.members.remove(session));
    }

    private Room enter(String name, Session session) {
        Room room = ROOMS.computeIfAbsent(name, any -> new Room());
        room.members.add(session);
        joined.add(room);
        return room;
    }

    private static JsonObjectBuilder error(String code, String message, String ref) {
        return withRef(Json.createObjectBuilder().add("type", "error").add("code", code).add("message", message), ref);
    }

    private static JsonObjectBuilder withRef(JsonObjectBuilder frame, String ref) {
        return ref == null ? frame : frame.add("ref", ref);
    }

    private static void send(Session session, JsonObjectBuilder frame) {
        session.getAsyncRemote().sendText(frame.build().toString());
    }
}
