package dev.chatwar.naive;

import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.List;

/** Takes the user's name from the handshake's bearer token into the connection's user properties. */
public class BearerUser extends ServerEndpointConfig.Configurator {

    static final String PREFIX = "naive-";
    static final String USER = "user";

    @Override
    public void modifyHandshake(ServerEndpointConfig config, HandshakeRequest request, HandshakeResponse response) {
        List<String> headers = request.getHeaders().getOrDefault("Authorization", List.of());
        String bearer = "Bearer " + PREFIX;
        String user = headers.isEmpty() || !headers.get(0).startsWith(bearer) ? "anonymous"
                : headers.get(0).substring(bearer.length());
        config.getUserProperties().put(USER, user);
    }
}
