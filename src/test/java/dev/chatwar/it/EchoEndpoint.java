package dev.chatwar.it;

import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Echoes every text and binary message: what the Autobahn fuzzing client expects of a server. Deployed in
 * a WAR of its own by {@link AutobahnIT}, never in the chat's WAR.
 */
@ServerEndpoint("/echo")
public class EchoEndpoint {

    static final int MAX_MESSAGE_BYTES = 16 * 1024 * 1024;

    @OnOpen
    public void open(Session session) {
        session.setMaxTextMessageBufferSize(MAX_MESSAGE_BYTES);
        session.setMaxBinaryMessageBufferSize(MAX_MESSAGE_BYTES);
    }

    @OnMessage(maxMessageSize = MAX_MESSAGE_BYTES)
    public void text(String message, Session session) throws IOException {
        session.getBasicRemote().sendText(message);
    }

    @OnMessage(maxMessageSize = MAX_MESSAGE_BYTES)
    public void binary(ByteBuffer message, Session session) throws IOException {
        session.getBasicRemote().sendBinary(message);
    }
}
