package dev.chatwar.chat;

import dev.chatwar.connection.Connection;
import dev.chatwar.identity.Identity;
import dev.chatwar.protocol.CloseCodes;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/** The WebSocket boundary: one instance per connection, handing everything to {@link Chat}. */
@ServerEndpoint(ChatEndpoint.PATH)
public class ChatEndpoint {

    public static final String PATH = "/chat";
    /** Larger frames are refused by the container with close code 1009. */
    public static final int MAX_FRAME_BYTES = 64 * 1024;

    private static final Logger LOG = Logger.getLogger(ChatEndpoint.class.getName());

    @Inject
    ChatRuntime runtime;

    private Connection connection;

    @OnOpen
    public void open(Session session) throws IOException {
        List<String> claimed = session.getRequestParameterMap().get(Identity.QUERY_PARAMETER);
        Identity.Result identity = Identity.resolve(claimed == null || claimed.isEmpty() ? null : claimed.get(0));
        if (identity instanceof Identity.Known known) {
            connection = runtime.chat().open(known.user(), new SessionSink(session, runtime.closer()));
        } else {
            // normally refused at the handshake by HandshakeGate; this guards a container that skips filters
            session.close(new CloseReason(CloseReason.CloseCodes.VIOLATED_POLICY,
                    ((Identity.Refused) identity).code().wireName()));
        }
    }

    @OnMessage(maxMessageSize = MAX_FRAME_BYTES)
    public void text(String frame) {
        if (connection != null) {
            runtime.chat().receive(connection, frame);
        }
    }

    @OnMessage(maxMessageSize = MAX_FRAME_BYTES)
    public void binary(ByteBuffer frame) {
        if (connection != null) {
            connection.close(CloseCodes.CANNOT_ACCEPT, "binary frames are not accepted");
        }
    }

    @OnClose
    public void close(CloseReason reason) {
        if (connection != null) {
            runtime.chat().closed(connection, reason.getCloseCode().getCode());
        }
    }

    @OnError
    public void error(Throwable failure) {
        LOG.log(Level.FINE, "transport error on " + connection, failure);
    }
}
