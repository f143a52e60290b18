package dev.chatwar.protocol;

import dev.chatwar.base.ChatException;
import dev.chatwar.base.Emoji;
import dev.chatwar.base.ErrorCode;
import dev.chatwar.base.MessageText;
import dev.chatwar.base.RoomName;
import dev.chatwar.base.UserName;
import dev.chatwar.history.HistoryQuery;
import dev.chatwar.history.ModeratorAct;
import dev.chatwar.history.RoomEvent;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonParser;
import java.io.StringReader;

/** Turns a text frame into a {@link Request}, or a {@link ChatException} that names what is wrong. */
public final class RequestParser {

    public static final int MAX_REF_LENGTH = 64;
    private static final JsonProvider JSON = JsonProvider.provider();

    public Request parse(String frame) {
        JsonObject json = readObject(frame);
        String ref = ref(json);
        try {
            String type = string(json, "type");
            return switch (type) {
                case "join" -> new Request.Join(room(json), position("after", optionalInteger(json, "after")),
                        flag(json, "receipts"), flag(json, "private"), ref);
                case "invite" -> new Request.Invite(room(json), user(json), ref);
                case "typing" -> new Request.Typing(room(json), ref);
                case "read" -> new Request.Read(room(json), position("seq", integer(json, "seq", present(json, "seq"))), ref);
                case "leave" -> new Request.Leave(room(json), flag(json, "keepMembership"), ref);
                case "conversations" -> new Request.Conversations(conversationLimit(optionalInteger(json, "limit")), ref);
                case "send" -> send(room(json), json, ref);
                case "retract" -> new Request.Retract(id(json), ref);
                case "edit" -> new Request.Edit(id(json), new MessageText(string(json, "text")), ref);
                case "history" -> new Request.History(room(json), HistoryQuery.of(optionalInteger(json, "before"),
                        optionalInteger(json, "after"), optionalInteger(json, "limit")), optionalId(json, "thread"), ref);
                case "react", "unreact" -> new Request.React(id(json), new Emoji(string(json, "emoji")),
                        type.equals("react"), ref);
                case "moderate" -> moderate(room(json), json, ref);
                default -> throw new ChatException(ErrorCode.UNKNOWN_TYPE, "unknown type '" + type + "'");
            };
        } catch (ChatException e) {
            throw e.withRef(ref);
        }
    }

    /** The frame's {@code ref}, or null when it has none or cannot be read. */
    public String refOf(String frame) {
        try {
            return ref(readObject(frame));
        } catch (ChatException unreadable) {
            return null;
        }
    }

    /** The body of an HTTP publish to the room: {@code {"text": "…", "clientId": "…"}}. */
    public Request.Send posted(RoomName room, String body) {
        return send(room, readObject(body == null ? "" : body), null);
    }

    /** The JSON object an HTTP request carries as its body. */
    public static JsonObject body(String body) {
        return readObject(body == null ? "" : body);
    }

    /** A string field that must be present: {@code missing_field} or {@code invalid_field} otherwise. */
    public static String requiredString(JsonObject json, String field) {
        return string(json, field);
    }

    /** An integer field that may be absent (null). */
    public static Long optionalLong(JsonObject json, String field) {
        return optionalInteger(json, field);
    }

    private static Request.Send send(RoomName room, JsonObject json, String ref) {
        MessageText text = new MessageText(string(json, "text"));
        Long replyTo = optionalId(json, "replyTo");
        String attachment = fileId(json.get("attachment"));
        JsonValue clientId = json.get("clientId");
        if (clientId == null || clientId == JsonValue.NULL) {
            return new Request.Send(room, text, null, replyTo, attachment, ref);
        }
        if (clientId instanceof JsonString s && !s.getString().isEmpty()
                && s.getString().length() <= RoomEvent.MAX_CLIENT_ID_LENGTH) {
            return new Request.Send(room, text, s.getString(), replyTo, attachment, ref);
        }
        throw new ChatException(ErrorCode.INVALID_FIELD,
                "clientId must be a string of 1 to " + RoomEvent.MAX_CLIENT_ID_LENGTH + " characters");
    }

    /** A file's id: 32 lowercase hexadecimal digits, as an upload answers it; null when absent. */
    public static String fileId(JsonValue value) {
        if (value == null || value == JsonValue.NULL) {
            return null;
        }
        if (value instanceof JsonString s && s.getString().matches("[0-9a-f]{32}")) {
            return s.getString();
        }
        throw new ChatException(ErrorCode.INVALID_FIELD, "attachment must be the id of an uploaded file");
    }

    private static Request.Moderate moderate(RoomName room, JsonObject json, String ref) {
        String name = string(json, "action");
        ModeratorAct.Action action = ModeratorAct.Action.ofWireName(name).orElseThrow(() -> new ChatException(
                ErrorCode.INVALID_FIELD, "action must be one of kick, ban, unban, mute, unmute, promote, demote"));
        Long duration = optionalInteger(json, "duration");
        if (duration != null && !action.takesDuration()) {
            throw new ChatException(ErrorCode.INVALID_FIELD, "only a ban or a mute takes a duration");
        }
        return new Request.Moderate(room, action, user(json), ModerationFields.duration(duration),
                ModerationFields.reason(json.get("reason")), ref);
    }

    /** A user name field that must be present. */
    public static UserName requiredUser(JsonObject json) {
        return user(json);
    }

    private static JsonObject readObject(String frame) {
        JsonLimits.check(frame);
        try (JsonParser json = JSON.createParser(new StringReader(frame))) {
            if (json.next() != JsonParser.Event.START_OBJECT) {
                throw new ChatException(ErrorCode.MALFORMED_JSON, "a frame must be a JSON object");
            }
            JsonObject object = json.getObject();
            if (json.hasNext()) {
                throw new ChatException(ErrorCode.MALFORMED_JSON, "a frame must hold one JSON object only");
            }
            return object;
        } catch (ChatException refused) {
            throw refused;
        } catch (RuntimeException unreadable) { // whatever the parser throws, the input is at fault: no stack trace
            throw new ChatException(ErrorCode.MALFORMED_JSON, "not valid JSON");
        }
    }

    private static String ref(JsonObject json) {
        JsonValue ref = json.get("ref");
        if (ref == null || ref == JsonValue.NULL) {
            return null;
        }
        if (ref instanceof JsonString s && s.getString().length() <= MAX_REF_LENGTH) {
            return s.getString();
        }
        throw new ChatException(ErrorCode.INVALID_FIELD, "ref must be a string of at most " + MAX_REF_LENGTH
                + " characters");
    }

    private static String string(JsonObject json, String field) {
        JsonValue value = present(json, field);
        if (value instanceof JsonString s) {
            return s.getString();
        }
        throw new ChatException(ErrorCode.INVALID_FIELD, field + " must be a string");
    }

    private static RoomName room(JsonObject json) {
        return RoomName.parse(string(json, "room"));
    }

    private static UserName user(JsonObject json) {
        String user = string(json, "user");
        if (!UserName.isValid(user)) {
            throw new ChatException(ErrorCode.INVALID_FIELD, "user must be a user name");
        }
        return new UserName(user);
    }

    private static long id(JsonObject json) {
        return positive("id", integer(json, "id", present(json, "id")));
    }

    /** A message id that may be absent (null). */
    public static Long optionalId(JsonObject json, String field) {
        Long id = optionalInteger(json, field);
        return id == null ? null : positive(field, id);
    }

    private static long positive(String field, long id) {
        if (id < 1) {
            throw new ChatException(ErrorCode.INVALID_FIELD, field + " must be a positive integer");
        }
        return id;
    }

    /** The handshake's query parameter naming the last lobby seq a reconnecting client saw. */
    public static final String HANDSHAKE_AFTER = "after";

    /** The {@code after} of a handshake, whose lobby join resumes from it; null when absent. */
    public static Long handshakeAfter(String raw) {
        return position(HANDSHAKE_AFTER, integerParameter(HANDSHAKE_AFTER, raw));
    }

    /** An integer from a URL (query string or handshake); null when absent, {@code invalid_field} when not one. */
    public static Long integerParameter(String name, String raw) {
        if (raw == null) {
            return null;
        }
        try {
            return Long.valueOf(raw);
        } catch (NumberFormatException notANumber) {
            throw new ChatException(ErrorCode.INVALID_FIELD, name + " must be an integer");
        }
    }

    /** The {@code limit} of a conversation list, as a request or a URL gives it; null is the default. */
    public static int conversationLimit(Long limit) {
        if (limit == null) {
            return Request.Conversations.DEFAULT_LIMIT;
        }
        if (limit < 1 || limit > Request.Conversations.MAX_LIMIT) {
            throw new ChatException(ErrorCode.INVALID_FIELD,
                    "limit must be an integer from 1 to " + Request.Conversations.MAX_LIMIT);
        }
        return limit.intValue();
    }

    private static Long position(String field, Long seq) {
        if (seq != null && seq < 0) {
            throw new ChatException(ErrorCode.INVALID_FIELD, field + " must be 0 or more");
        }
        return seq;
    }

    private static boolean flag(JsonObject json, String field) {
        JsonValue value = json.get(field);
        if (value == null || value == JsonValue.NULL || value == JsonValue.FALSE) {
            return false;
        }
        if (value == JsonValue.TRUE) {
            return true;
        }
        throw new ChatException(ErrorCode.INVALID_FIELD, field + " must be true or false");
    }

    private static Long optionalInteger(JsonObject json, String field) {
        JsonValue value = json.get(field);
        return value == null || value == JsonValue.NULL ? null : integer(json, field, value);
    }

    private static long integer(JsonObject json, String field, JsonValue value) {
        try {
            if (value instanceof JsonNumber n && n.isIntegral() && n.bigIntegerValue().bitLength() < 64) {
                return n.longValue();
            }
        } catch (RuntimeException beyondTheParser) { // such as 1e999999999, whose scale the parser refuses
            throw new ChatException(ErrorCode.INVALID_FIELD, field + " must be an integer");
        }
        throw new ChatException(ErrorCode.INVALID_FIELD, field + " must be an integer");
    }

    private static JsonValue present(JsonObject json, String field) {
        JsonValue value = json.get(field);
        if (value == null || value == JsonValue.NULL) {
            throw new ChatException(ErrorCode.MISSING_FIELD, "missing field '" + field + "'");
        }
        return value;
    }
}
