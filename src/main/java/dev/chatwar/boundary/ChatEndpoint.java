package dev.chatwar.boundary;

import dev.chatwar.chat.Chat;
import dev.chatwar.chat.ChatRuntime;
import dev.chatwar.connection.Connection;
import dev.chatwar.connection.Mailbox;
import dev.chatwar.connection.RateLimits;
import dev.chatwar.connection.ThrottledLog;
import dev.chatwar.identity.VerifiedUser;
import dev.chatwar.protocol.CloseCodes;
import dev.chatwar.protocol.RequestParser;
import dev.chatwar.protocol.TextAssembly;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The WebSocket boundary: one instance per connection. It only queues the connection's events into its
 * {@link Mailbox}; {@link Chat} handles them there, in order, off the container's thread.
 */
@ServerEndpoint(ChatEndpoint.PATH)
public class ChatEndpoint {

    public static final String PATH = "/chat";
    /** A larger text frame closes the connection with 1009. */
    public static final int MAX_FRAME_BYTES = 64 * 1024;
    /** Requests a connection may have waiting; past that it is closed with 1008. */
    public static final int MAX_PENDING_REQUESTS = 1000;

    private static final ThrottledLog TRANSPORT_ERRORS = new ThrottledLog(
            Logger.getLogger(ChatEndpoint.class.getName()), 5, Duration.ofSeconds(10), System::nanoTime);

    @Inject
    ChatRuntime runtime;

    private final TextAssembly assembly = new TextAssembly(MAX_FRAME_BYTES);
    private Mailbox mailbox;
    private RateLimits.Limiter limiter;
    private volatile boolean closing;
    private volatile Connection connection;

    @OnOpen
    public void open(Session session) throws IOException {
        if (session.getUserPrincipal() instanceof VerifiedUser user) {
            session.setMaxTextMessageBufferSize(MAX_FRAME_BYTES);
            session.setMaxBinaryMessageBufferSize(MAX_FRAME_BYTES);
            mailbox = new Mailbox(runtime.worker(), MAX_PENDING_REQUESTS, Mailbox.WhenRefused.DROP);
            limiter = runtime.rateLimits().forConnection(user.session().user());
            SessionSink sink = new SessionSink(session, runtime.worker(), runtime.traffic());
            Long lobbyAfter = RequestParser.handshakeAfter(first(session, RequestParser.HANDSHAKE_AFTER));
            // two steps: a lobby join can wait long on a crowded lobby, and pongs count from the first
            mailbox.put(() -> {
                connection = runtime.chat().register(user.session(), user.address(), user.reservation(), sink);
                ConnectionLog.opened(connection);
            });
            mailbox.put(() -> runtime.chat().joinLobby(connection, lobbyAfter));
        } else {
            // HandshakeGate lets no handshake through without one; this guards a container that skips filters
            session.close(new CloseReason(CloseReason.CloseCodes.VIOLATED_POLICY, "unauthenticated"));
        }
    }

    // Taken in parts: Undertow, given a whole-message handler, buffers a message that never ends without limit.
    @OnMessage(maxMessageSize = MAX_FRAME_BYTES)
    public void text(String part, boolean last) {
        if (mailbox == null || closing) {
            return;
        }
        heard();
        TextAssembly.Outcome outcome = assembly.add(part, last);
        if (outcome instanceof TextAssembly.Outcome.TooBig) {
            closeWith(CloseCodes.TOO_BIG, "frame larger than " + MAX_FRAME_BYTES + " bytes");
        } else if (outcome instanceof TextAssembly.Outcome.Whole whole) {
            runtime.traffic().received();
            admit(whole.text());
        }
    }

    private void admit(String frame) {
        // judged as frames arrive, not as they are handled, so that a slow database does not hide a flood
        switch (limiter.admit()) {
            case PASS -> {
                if (!mailbox.offerAwaiting(() -> runtime.chat().receive(connection, frame))) {
                    closeWith(CloseCodes.POLICY_VIOLATION, "too many requests waiting");
                }
            }
            case REFUSE -> {
                runtime.traffic().overRate(false);
                mailbox.offer(() -> runtime.chat().refuseRate(connection, frame));
            }
            case CLOSE -> {
                runtime.traffic().overRate(true);
                closeWith(CloseCodes.POLICY_VIOLATION, "message rate limit exceeded");
            }
        }
    }

    @OnMessage
    public void pong(PongMessage pong) {
        heard();
    }

    private void heard() {
        Connection opened = connection;
        if (opened != null) {
            runtime.chat().heard(opened);
        }
    }

    private void closeWith(int code, String reason) {
        closing = true;
        mailbox.put(() -> connection.closeAfterPending(code, reason));
    }

    @OnMessage(maxMessageSize = MAX_FRAME_BYTES)
    public void binary(ByteBuffer frame) {
        if (mailbox != null && !closing) {
            closeWith(CloseCodes.CANNOT_ACCEPT, "binary frames are not accepted");
        }
    }

    @OnClose
    public void close(CloseReason reason) {
        if (mailbox != null) {
            int code = reason.getCloseCode().getCode();
            mailbox.put(() -> {
                if (connection != null) {
                    runtime.chat().closed(connection, code);
                    ConnectionLog.closed(connection, code, reason.getReasonPhrase());
                }
            });
        }
    }

    private static String first(Session session, String parameter) {
        List<String> values = session.getRequestParameterMap().get(parameter);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    // a peer that resets its connections must not be able to flood the log
    @OnError
    public void error(Throwable failure) {
        TRANSPORT_ERRORS.log(Level.INFO, "transport error on " + connection, failure);
    }
}
