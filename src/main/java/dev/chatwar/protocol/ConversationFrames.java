package dev.chatwar.protocol;

import dev.chatwar.base.Preview;
import dev.chatwar.history.Conversation;
import dev.chatwar.history.RoomEvent;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.spi.JsonProvider;
import java.util.List;
import java.util.Locale;

/** Encodes what keeps a user's conversation list: the list itself and the activity events that follow it. */
public final class ConversationFrames {

    private static final JsonProvider JSON = JsonProvider.provider();

    /**
     * Pushed to a member's connection that is not in the room when messages are stored there: the newest of
     * them, and how many, of other users, came since the connection's last activity for the room
     * ({@code newMessages}), and how many of those mention the user ({@code newMentions}).
     */
    public String activity(RoomEvent newest, int newMessages, int newMentions) {
        JsonObjectBuilder json = JSON.createObjectBuilder()
                .add("type", "activity")
                .add("room", newest.room().value())
                .add("id", newest.id())
                .add("seq", newest.seq())
                .add("user", newest.author().value())
                .add("sentAt", newest.sentAt().toString());
        addPreview(json, newest);
        return EventJson.addMentions(json, newest)
                .add("newMessages", newMessages)
                .add("newMentions", newMentions)
                .build().toString();
    }

    /** The user's conversations, newest activity first; {@code more}: the list was cut at the limit. */
    public JsonObject conversations(List<Conversation> conversations, boolean more) {
        JsonArrayBuilder list = JSON.createArrayBuilder();
        for (Conversation conversation : conversations) {
            JsonObjectBuilder json = JSON.createObjectBuilder()
                    .add("room", conversation.room().value())
                    .add("kind", conversation.kind().name().toLowerCase(Locale.ROOT));
            if (conversation.with() != null) {
                json.add("with", conversation.with().value());
            }
            RoomEvent last = conversation.last();
            json.add("lastSeq", last == null ? 0 : last.seq());
            if (last != null) {
                JsonObjectBuilder lastJson = JSON.createObjectBuilder()
                        .add("type", EventJson.typeOf(last))
                        .add("id", last.id())
                        .add("seq", last.seq())
                        .add("user", last.author().value())
                        .add("sentAt", last.sentAt().toString());
                addPreview(lastJson, last);
                json.add("last", lastJson);
            }
            list.add(json.add("readSeq", conversation.reading().readSeq())
                    .add("unread", conversation.reading().unread())
                    .add("mentions", conversation.reading().mentions()));
        }
        return JSON.createObjectBuilder().add("conversations", list).add("more", more).build();
    }

    /** The reply to a {@code conversations} request. */
    public String conversations(String ref, List<Conversation> conversations, boolean more) {
        JsonObjectBuilder json = Frames.withRef(JSON.createObjectBuilder().add("type", "conversations"), ref);
        conversations(conversations, more).forEach(json::add);
        return json.build().toString();
    }

    private static void addPreview(JsonObjectBuilder json, RoomEvent event) {
        // a reason is no message, an emoji no text of its own
        boolean hasText = event.kind() != RoomEvent.Kind.MODERATION && event.kind() != RoomEvent.Kind.REACTION;
        String preview = hasText ? Preview.of(event.text()) : null;
        if (preview == null) {
            json.addNull("preview");
        } else {
            json.add("preview", preview);
        }
    }
}
