package dev.chatwar.boundary;

import dev.chatwar.base.ErrorCode;
import dev.chatwar.connection.Connection;
import dev.chatwar.connection.ThrottledLog;
import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One line per WebSocket connection opened or closed and per handshake refused, on the logger
 * {@code dev.chatwar.connections}: user, address, connection id, close code and who decided it, reason. Never a
 * credential (the handshake's query string is not logged) and never a message. Clients cause these lines, so
 * each kind is held to a budget a second; the next line out counts those held back.
 */
final class ConnectionLog {

    static final String LOGGER = "dev.chatwar.connections";
    private static final Logger LOG = Logger.getLogger(LOGGER);
    private static final ThrottledLog OPENS_AND_CLOSES = new ThrottledLog(LOG, 200, Duration.ofSeconds(1), System::nanoTime);
    private static final ThrottledLog REFUSALS = new ThrottledLog(LOG, 20, Duration.ofSeconds(1), System::nanoTime);
    // a close frame's reason is at most 123 bytes, and the client chose it
    private static final int MAX_REASON = 123;

    private ConnectionLog() {
    }

    static void opened(Connection connection) {
        OPENS_AND_CLOSES.log(Level.INFO, "connection opened id=" + connection.id() + " user=" + connection.user()
                + " address=" + connection.address(), null);
    }

    static void closed(Connection connection, int code, String reason) {
        int decided = connection.closedByServerWith();
        OPENS_AND_CLOSES.log(Level.INFO, "connection closed id=" + connection.id() + " user=" + connection.user()
                + " address=" + connection.address() + " code=" + (decided != 0 ? decided : code)
                + " by=" + (decided != 0 ? "server" : "client") + " reason=\"" + printable(reason) + "\"", null);
    }

    static void refused(String address, ErrorCode code, String message) {
        REFUSALS.log(Level.INFO, "handshake refused address=" + address + " status=" + code.httpStatus()
                + " code=" + code.wireName() + " reason=\"" + printable(message) + "\"", null);
    }

    /** The text with control characters and quotes replaced, so that a client cannot forge or break lines. */
    static String printable(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder clean = new StringBuilder(Math.min(text.length(), MAX_REASON));
        text.codePoints().limit(MAX_REASON).forEach(c -> clean.appendCodePoint(
                Character.isISOControl(c) || c == '"' || c == '\\' || Character.getType(c) == Character.LINE_SEPARATOR
                        || Character.getType(c) == Character.PARAGRAPH_SEPARATOR ? '?' : c));
        return clean.toString();
    }
}
