package dev.chatwar.protocol;

import dev.chatwar.history.Attachment;
import dev.chatwar.history.ReactionCount;
import dev.chatwar.history.Reply;
import dev.chatwar.history.RoomEvent;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.spi.JsonProvider;
import java.util.List;

/** A room event as JSON, the fields every frame that carries one shares (docs/protocol.md, section 5). */
final class EventJson {

    private static final JsonProvider JSON = JsonProvider.provider();

    private EventJson() {
    }

    static JsonObjectBuilder of(RoomEvent event) {
        JsonObjectBuilder json = JSON.createObjectBuilder()
                .add("type", typeOf(event))
                .add("room", event.room().value())
                .add("id", event.id())
                .add("seq", event.seq())
                .add("user", event.author().value())
                .add("sentAt", event.sentAt().toString());
        if (event.act() != null) {
            return addAct(json, event);
        }
        if (!event.isMessage()) {
            json.add("messageId", event.messageId());
        }
        if (event.reaction() != null) {
            return json.add("emoji", event.reaction().emoji()).add("added", event.reaction().added())
                    .add("count", event.reaction().count());
        }
        if (event.kind() != RoomEvent.Kind.RETRACTION) {
            if (event.text() == null) {
                json.addNull("text");
            } else {
                json.add("text", event.text());
            }
        }
        if (event.isMessage()) {
            json.add("edited", event.edited());
            json.add("retracted", event.retracted());
            if (event.clientId() != null) {
                json.add("clientId", event.clientId());
            }
            addMentions(json, event);
            addThreading(json, event);
            if (event.attachment() != null) {
                Attachment file = event.attachment();
                json.add("attachment", JSON.createObjectBuilder().add("id", file.id()).add("name", file.name())
                        .add("type", file.type()).add("size", file.size()).add("image", file.image()));
            }
        }
        return json;
    }

    static JsonObjectBuilder addMentions(JsonObjectBuilder json, RoomEvent event) {
        if (!event.mentions().isEmpty()) {
            JsonArrayBuilder names = JSON.createArrayBuilder();
            event.mentions().forEach(user -> names.add(user.value()));
            json.add("mentions", names);
        }
        return json;
    }

    static String typeOf(RoomEvent event) {
        return switch (event.kind()) {
            case MESSAGE -> "message";
            case EDIT -> "edited";
            case RETRACTION -> "retracted";
            case MODERATION -> "moderation";
            case REACTION -> "reaction";
        };
    }

    static JsonObjectBuilder withReactions(JsonObjectBuilder json, List<ReactionCount> reactions) {
        if (!reactions.isEmpty()) {
            JsonArrayBuilder list = JSON.createArrayBuilder();
            reactions.forEach(reaction -> list.add(JSON.createObjectBuilder().add("emoji", reaction.emoji())
                    .add("count", reaction.count()).add("me", reaction.mine())));
            json.add("reactions", list);
        }
        return json;
    }

    private static void addThreading(JsonObjectBuilder json, RoomEvent event) {
        Reply reply = event.reply();
        if (reply != null) {
            JsonObjectBuilder quote = JSON.createObjectBuilder().add("user", reply.parentAuthor().value());
            json.add("replyTo", reply.parentId())
                    .add("quote", reply.quote() == null ? quote.addNull("text") : quote.add("text", reply.quote()))
                    .add("thread", reply.threadId())
                    .add("threadReplies", reply.threadReplies());
        }
        if (event.thread() != null) {
            json.add("replies", event.thread().replies()).add("lastReplyAt", event.thread().lastReplyAt().toString());
        }
    }

    // the author is the moderator; the text, if any, the reason
    private static JsonObjectBuilder addAct(JsonObjectBuilder json, RoomEvent event) {
        json.add("action", event.act().action().wireName()).add("target", event.act().target().value());
        if (event.act().until() != null) {
            json.add("until", event.act().until().toString());
        }
        return event.text() == null ? json : json.add("reason", event.text());
    }
}
