package dev.chatwar.cluster;

import dev.chatwar.base.RoomName;
import dev.chatwar.base.UserName;
import dev.chatwar.history.Attachment;
import dev.chatwar.history.ModeratorAct;
import dev.chatwar.history.ReactionChange;
import dev.chatwar.history.Reply;
import dev.chatwar.history.RoomEvent;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Writes cluster messages as JSON text and reads them back; only nodes of the same version talk this way. */
public final class ClusterCodec {

    private static final JsonProvider JSON = JsonProvider.provider();

    public String encode(ClusterMessage message) {
        JsonObjectBuilder json = JSON.createObjectBuilder();
        if (message instanceof ClusterMessage.Stored stored) {
            RoomEvent event = stored.event();
            json.add("t", "stored").add("id", event.id()).add("room", event.room().value()).add("seq", event.seq())
                    .add("kind", event.kind().name()).add("author", event.author().value())
                    .add("sentAt", event.sentAt().toString())
                    .add("retracted", event.retracted()).add("edited", event.edited());
            addIfSet(json, "text", event.text());
            addIfSet(json, "clientId", event.clientId());
            if (!event.mentions().isEmpty()) {
                JsonArrayBuilder mentions = JSON.createArrayBuilder();
                event.mentions().forEach(user -> mentions.add(user.value()));
                json.add("mentions", mentions);
            }
            if (event.messageId() != null) {
                json.add("messageId", event.messageId());
            }
            if (event.act() != null) {
                json.add("action", event.act().action().name()).add("target", event.act().target().value());
                addIfSet(json, "until", event.act().until() == null ? null : event.act().until().toString());
            }
            if (event.reply() != null) {
                Reply reply = event.reply();
                json.add("replyTo", reply.parentId()).add("quoteAuthor", reply.parentAuthor().value())
                        .add("thread", reply.threadId()).add("threadReplies", reply.threadReplies());
                addIfSet(json, "quote", reply.quote());
            }
            if (event.reaction() != null) {
                json.add("added", event.reaction().added()).add("count", event.reaction().count());
            }
            if (event.attachment() != null) {
                Attachment file = event.attachment();
                json.add("file", JSON.createObjectBuilder().add("id", file.id()).add("name", file.name())
                        .add("type", file.type()).add("size", file.size()).add("image", file.image()));
            }
        } else if (message instanceof ClusterMessage.Presence presence) {
            json.add("t", "presence").add("room", presence.room().value()).add("user", presence.user().value())
                    .add("present", presence.present());
        } else if (message instanceof ClusterMessage.Typing typing) {
            json.add("t", "typing").add("room", typing.room().value()).add("user", typing.user().value());
        } else if (message instanceof ClusterMessage.Receipt receipt) {
            json.add("t", "receipt").add("room", receipt.room().value()).add("user", receipt.user().value())
                    .add("seq", receipt.seq());
        } else if (message instanceof ClusterMessage.RoomPresence roomPresence) {
            JsonArrayBuilder users = JSON.createArrayBuilder();
            roomPresence.users().forEach(user -> users.add(user.value()));
            json.add("t", "room-presence").add("room", roomPresence.room().value()).add("users", users);
        } else if (message instanceof ClusterMessage.Hello) {
            json.add("t", "hello");
        } else if (message instanceof ClusterMessage.Heartbeat) {
            json.add("t", "heartbeat");
        } else if (message instanceof ClusterMessage.Invitation invitation) {
            json.add("t", "invitation").add("room", invitation.room().value())
                    .add("user", invitation.user().value()).add("by", invitation.by().value());
        } else if (message instanceof ClusterMessage.SessionEnded ended) {
            json.add("t", "session-ended").add("session", ended.sessionId());
        } else if (message instanceof ClusterMessage.Membership membership) {
            json.add("t", "membership").add("room", membership.room().value())
                    .add("user", membership.user().value()).add("member", membership.member());
        }
        return json.build().toString();
    }

    /** @throws IllegalArgumentException for text that is no cluster message */
    public ClusterMessage decode(String text) {
        try (var reader = JSON.createReader(new StringReader(text))) {
            JsonObject json = reader.readObject();
            return switch (json.getString("t")) {
                case "stored" -> new ClusterMessage.Stored(new RoomEvent(json.getJsonNumber("id").longValue(),
                        room(json), json.getJsonNumber("seq").longValue(), RoomEvent.Kind.valueOf(json.getString("kind")),
                        new UserName(json.getString("author")), json.getString("text", null),
                        json.containsKey("messageId") ? json.getJsonNumber("messageId").longValue() : null,
                        Instant.parse(json.getString("sentAt")), json.getBoolean("retracted"),
                        json.getBoolean("edited"), json.getString("clientId", null),
                        json.containsKey("mentions") ? List.copyOf(users(json, "mentions")) : List.of(), act(json),
                        reply(json), null, reaction(json), attachment(json)));
                case "presence" -> new ClusterMessage.Presence(room(json), new UserName(json.getString("user")),
                        json.getBoolean("present"));
                case "typing" -> new ClusterMessage.Typing(room(json), new UserName(json.getString("user")));
                case "receipt" -> new ClusterMessage.Receipt(room(json), new UserName(json.getString("user")),
                        json.getJsonNumber("seq").longValue());
                case "room-presence" -> new ClusterMessage.RoomPresence(room(json), users(json));
                case "hello" -> new ClusterMessage.Hello();
                case "heartbeat" -> new ClusterMessage.Heartbeat();
                case "invitation" -> new ClusterMessage.Invitation(room(json), new UserName(json.getString("user")),
                        new UserName(json.getString("by")));
                case "session-ended" -> new ClusterMessage.SessionEnded(json.getString("session"));
                case "membership" -> new ClusterMessage.Membership(room(json), new UserName(json.getString("user")),
                        json.getBoolean("member"));
                default -> throw new IllegalArgumentException("unknown cluster message " + json.getString("t"));
            };
        } catch (RuntimeException unreadable) {
            throw new IllegalArgumentException("not a cluster message: " + text, unreadable);
        }
    }

    private static RoomName room(JsonObject json) {
        return new RoomName(json.getString("room"));
    }

    private static Set<UserName> users(JsonObject json) {
        return users(json, "users");
    }

    private static Set<UserName> users(JsonObject json, String field) {
        Set<UserName> users = new LinkedHashSet<>();
        json.getJsonArray(field).getValuesAs(JsonString.class).forEach(user -> users.add(new UserName(user.getString())));
        return users;
    }

    private static ModeratorAct act(JsonObject json) {
        if (!json.containsKey("action")) {
            return null;
        }
        String until = json.getString("until", null);
        return new ModeratorAct(ModeratorAct.Action.valueOf(json.getString("action")),
                new UserName(json.getString("target")), until == null ? null : Instant.parse(until));
    }

    // a new message has no replies yet: only the store's rows carry a thread's summary
    private static Reply reply(JsonObject json) {
        if (!json.containsKey("replyTo")) {
            return null;
        }
        return new Reply(json.getJsonNumber("replyTo").longValue(), new UserName(json.getString("quoteAuthor")),
                json.getString("quote", null), json.getJsonNumber("thread").longValue(), json.getInt("threadReplies"));
    }

    private static Attachment attachment(JsonObject json) {
        JsonObject file = json.getJsonObject("file");
        return file == null ? null : new Attachment(file.getString("id"), file.getString("name"),
                file.getString("type"), file.getJsonNumber("size").longValue(), file.getBoolean("image"));
    }

    private static ReactionChange reaction(JsonObject json) {
        return json.containsKey("added")
                ? new ReactionChange(json.getString("text"), json.getBoolean("added"), json.getInt("count")) : null;
    }

    private static void addIfSet(JsonObjectBuilder json, String key, String value) {
        if (value != null) {
            json.add(key, value);
        }
    }
}
