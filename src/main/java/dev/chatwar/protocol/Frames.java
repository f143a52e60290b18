package dev.chatwar.protocol;

import dev.chatwar.base.ChatException;
import dev.chatwar.base.ErrorCode;
import dev.chatwar.base.RoomName;
import dev.chatwar.base.UserName;
import dev.chatwar.history.HistoryPage;
import dev.chatwar.history.Reading;
import dev.chatwar.history.RoomEvent;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.spi.JsonProvider;
import java.util.Collection;

/** Encodes the server's frames; docs/protocol.md describes each one. */
public final class Frames {

    private static final JsonProvider JSON = JsonProvider.provider();

    public String welcome(UserName user, String connectionId) {
        return JSON.createObjectBuilder()
                .add("type", "welcome")
                .add("user", user.value())
                .add("connection", connectionId)
                .build().toString();
    }

    /** How a join that named the last seq its client saw went: events replayed, or too far behind. */
    public record Resumed(int replayed, boolean reset) {
    }

    /** @param resumed null for a join without {@code after} */
    public String joined(RoomName room, String ref, long lastSeq, Collection<UserName> present, Resumed resumed,
                         Reading reading) {
        JsonArrayBuilder users = JSON.createArrayBuilder();
        present.forEach(user -> users.add(user.value()));
        JsonObjectBuilder joined = withRef(JSON.createObjectBuilder().add("type", "joined").add("room", room.value()), ref)
                .add("lastSeq", lastSeq)
                .add("present", users)
                .add("readSeq", reading.readSeq())
                .add("unread", reading.unread())
                .add("mentions", reading.mentions());
        if (resumed != null && resumed.reset()) {
            joined.add("reset", true);
        } else if (resumed != null) {
            joined.add("replayed", resumed.replayed());
        }
        return joined.build().toString();
    }

    /** {@code ref} null: the user left the room from another connection, or on another node. */
    public String left(RoomName room, String ref) {
        return left(room, ref, null);
    }

    /** {@code reason}: {@code kicked} or {@code banned} when a moderator took the user out; else null. */
    public String left(RoomName room, String ref, String reason) {
        JsonObjectBuilder left = withRef(JSON.createObjectBuilder().add("type", "left").add("room", room.value()), ref);
        return (reason == null ? left : left.add("reason", reason)).build().toString();
    }

    /** The reply to an invitation: the user may now enter the room. */
    public String invited(RoomName room, UserName user, String ref) {
        return withRef(JSON.createObjectBuilder().add("type", "invited").add("room", room.value()), ref)
                .add("user", user.value())
                .build().toString();
    }

    /** Pushed to the invited user's connections. */
    public String invitation(RoomName room, UserName by) {
        return JSON.createObjectBuilder()
                .add("type", "invitation")
                .add("room", room.value())
                .add("by", by.value())
                .build().toString();
    }

    public String presence(RoomName room, UserName user, boolean present) {
        return JSON.createObjectBuilder()
                .add("type", "presence")
                .add("room", room.value())
                .add("user", user.value())
                .add("state", present ? "joined" : "left")
                .build().toString();
    }

    /** A room event as pushed on a socket; {@code own} tells whether the receiving user is its author. */
    public String event(RoomEvent event, boolean own) {
        return EventJson.of(event).add("own", own).build().toString();
    }

    /** A room event as returned by the HTTP API: the pushed frame without {@code own}. */
    public JsonObject event(RoomEvent event) {
        return EventJson.of(event).build();
    }

    /** A page's event as returned by the HTTP API, a message with its reactions as the reader sees them. */
    public JsonObject event(RoomEvent event, HistoryPage page) {
        return EventJson.withReactions(EventJson.of(event), page.reactionsOn(event)).build();
    }

    public String read(RoomName room, String ref, long readSeq) {
        return withRef(JSON.createObjectBuilder().add("type", "read").add("room", room.value()), ref)
                .add("seq", readSeq)
                .build().toString();
    }

    public String typing(RoomName room, UserName user) {
        return JSON.createObjectBuilder()
                .add("type", "typing")
                .add("room", room.value())
                .add("user", user.value())
                .build().toString();
    }

    public String receipt(RoomName room, UserName user, long readSeq) {
        return JSON.createObjectBuilder()
                .add("type", "receipt")
                .add("room", room.value())
                .add("user", user.value())
                .add("seq", readSeq)
                .build().toString();
    }

    /**
     * A page of history, each event marked {@code own} for the requesting user, each message with its reactions;
     * {@code thread}: the message whose thread the page is of, or null for the room's events.
     */
    public String history(RoomName room, String ref, HistoryPage page, Long thread, UserName reader) {
        JsonArrayBuilder events = JSON.createArrayBuilder();
        page.events().forEach(event -> events.add(EventJson.withReactions(EventJson.of(event), page.reactionsOn(event))
                .add("own", event.author().equals(reader))));
        JsonObjectBuilder json = withRef(JSON.createObjectBuilder().add("type", "history").add("room", room.value()), ref);
        if (thread != null) {
            json.add("thread", thread);
        }
        return json.add("events", events).build().toString();
    }

    /** {@code duplicate}: the request repeated an earlier one, whose event this is; nothing new was stored. */
    public String ack(String ref, RoomEvent event, boolean duplicate) {
        JsonObjectBuilder ack = withRef(JSON.createObjectBuilder().add("type", "ack"), ref)
                .add("room", event.room().value())
                .add("id", event.id())
                .add("seq", event.seq());
        return (duplicate ? ack.add("duplicate", true) : ack).build().toString();
    }

    public String error(ChatException error) {
        return errorObject(error.code(), error.getMessage(), error.ref()).build().toString();
    }

    /** The body of an HTTP error response: the error frame without {@code type}. */
    public JsonObject httpError(ErrorCode code, String message) {
        return errorObject(code, message, null).remove("type").build();
    }

    private static JsonObjectBuilder errorObject(ErrorCode code, String message, String ref) {
        return withRef(JSON.createObjectBuilder()
                .add("type", "error")
                .add("code", code.wireName())
                .add("message", message), ref);
    }

    static JsonObjectBuilder withRef(JsonObjectBuilder json, String ref) {
        return ref == null ? json : json.add("ref", ref);
    }
}
