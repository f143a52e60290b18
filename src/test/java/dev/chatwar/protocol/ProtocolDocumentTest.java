package dev.chatwar.protocol;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chatwar.base.ErrorCode;
import dev.chatwar.base.MessageText;
import dev.chatwar.base.RoomName;
import dev.chatwar.base.UserName;
import dev.chatwar.boundary.ChatEndpoint;
import dev.chatwar.boundary.BodyGate;
import dev.chatwar.boundary.HandshakeGate;
import dev.chatwar.chat.Chat;
import dev.chatwar.chat.ChatRuntime;
import dev.chatwar.connection.RateLimits;
import dev.chatwar.history.EventStore;
import dev.chatwar.identity.Accounts;
import dev.chatwar.identity.Authentication;
import dev.chatwar.identity.LoginThrottle;
import dev.chatwar.identity.PasswordHash;
import dev.chatwar.room.Room;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.NumberFormat;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** docs/protocol.md is the public contract: every code and limit the server uses must be in it. */
class ProtocolDocumentTest {

    private final String document = read();

    @Test
    void documentsEveryErrorCodeWithItsHttpStatus() {
        for (ErrorCode code : ErrorCode.values()) {
            assertTrue(document.contains("| `" + code.wireName() + "` | " + code.httpStatus() + " |"),
                    "docs/protocol.md lacks the row of error code " + code.wireName());
        }
    }

    @Test
    void documentsEveryCloseCodeTheServerSends() throws IllegalAccessException {
        for (Field field : CloseCodes.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers())) {
                int code = field.getInt(null);
                assertTrue(document.contains("| " + code + " | server |"),
                        "docs/protocol.md lacks the row of close code " + code);
            }
        }
    }

    @Test
    void statesTheLimitsTheServerEnforces() {
        NumberFormat grouped = NumberFormat.getIntegerInstance(Locale.ENGLISH);
        for (String limit : new String[] {
                "1-" + UserName.MAX_LENGTH + " characters", "1-" + RoomName.MAX_LENGTH + " characters",
                "1-" + grouped.format(MessageText.MAX_LENGTH) + " UTF-16 code units",
                "| `ref` | " + RequestParser.MAX_REF_LENGTH + " characters |",
                grouped.format(ChatEndpoint.MAX_FRAME_BYTES) + " bytes",
                grouped.format(ChatEndpoint.MAX_PENDING_REQUESTS) + ", else close 1008",
                grouped.format(Room.MAX_REPLAY) + ", else `reset`",
                "`unread` counted on `joined` | up to " + grouped.format(EventStore.MAX_UNREAD),
                "| connections per user | " + HandshakeGate.DEFAULT_MAX_CONNECTIONS_PER_USER + " ",
                "| rooms per connection | " + Chat.MAX_ROOMS_PER_CONNECTION + ", else `too_many_rooms` |",
                "| connections per address | " + HandshakeGate.DEFAULT_MAX_CONNECTIONS_PER_ADDRESS + " ",
                "| password | " + PasswordHash.MIN_PASSWORD_LENGTH + "-" + PasswordHash.MAX_PASSWORD_LENGTH + " characters",
                grouped.format(PasswordHash.DEFAULT_ITERATIONS) + " iterations",
                "| session | " + Authentication.DEFAULT_SESSION_LIFETIME / 3600 + " hours",
                "| ticket | one handshake within " + Accounts.TICKET_LIFETIME.toSeconds() + " seconds; a user holds at most "
                        + Accounts.MAX_OPEN_TICKETS_PER_USER + " unused ones",
                "| registrations | " + Accounts.DEFAULT_REGISTRATIONS_PER_ADDRESS + " from one address without a "
                        + Accounts.REGISTRATION_PAUSE.toMinutes() + "-minute pause",
                "at most " + JsonLimits.MAX_DEPTH + " levels of nesting and " + JsonLimits.MAX_NUMBER_LENGTH
                        + " characters per number, else `malformed_json`",
                "| HTTP request body (`/api/…`) | " + BodyGate.MAX_BODY_BYTES / 1024 + " KiB, else `413`",
                "the whole body within " + BodyGate.DEADLINE_MILLIS / 1000 + " s of the request's head, else `408`",
                "at most " + grouped.format(LoginThrottle.TRACKED_KEYS) + " names, " + grouped.format(LoginThrottle.TRACKED_KEYS)
                        + " addresses and devices",
                "| frames per connection | " + (int) RateLimits.Settings.DEFAULTS.connectionPerSecond() + " a second, bursts of "
                        + RateLimits.Settings.DEFAULTS.connectionBurst() + " ",
                "| frames per user | " + (int) RateLimits.Settings.DEFAULTS.userPerSecond() + " a second, bursts of "
                        + RateLimits.Settings.DEFAULTS.userBurst() + " ",
                "| refusals before the close | " + RateLimits.Settings.DEFAULTS.strikes() + " ",
                ChatRuntime.MISSED_PINGS + " ping intervals (" + ChatRuntime.MISSED_PINGS * ChatRuntime.DEFAULT_PING_INTERVAL
                        + " s), else closed with 1001",
                "| failed sign-ins | " + LoginThrottle.MAX_FAILURES_PER_USER + " for one user name, or "
                        + LoginThrottle.MAX_FAILURES_PER_ADDRESS + " from one address"}) {
            assertTrue(document.contains(limit), "docs/protocol.md does not state: " + limit);
        }
    }

    private static String read() {
        try {
            return Files.readString(Path.of("docs/protocol.md"));
        } catch (IOException e) {
            throw new IllegalStateException("run from the project root", e);
        }
    }
}
