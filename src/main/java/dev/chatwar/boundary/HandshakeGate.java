package dev.chatwar.boundary;

import dev.chatwar.base.ChatException;
import dev.chatwar.base.ErrorCode;
import dev.chatwar.chat.ChatRuntime;
import dev.chatwar.connection.Connections;
import dev.chatwar.identity.AuthSession;
import dev.chatwar.identity.Authentication;
import dev.chatwar.identity.VerifiedUser;
import dev.chatwar.protocol.RequestParser;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.Principal;

/**
 * Refuses a WebSocket handshake before the upgrade: from a page of a foreign origin (403), without a valid
 * credential (401), with a bad {@code after} (400), past the connection limits (429). A handshake it lets
 * through carries a {@link VerifiedUser} as its principal, which the endpoint takes as the connection's user.
 */
@WebFilter(ChatEndpoint.PATH)
public class HandshakeGate extends HttpFilter {

    /** System property: how many connections one user may hold at once. */
    public static final String MAX_CONNECTIONS_PER_USER = "chat.max-connections-per-user";
    public static final int DEFAULT_MAX_CONNECTIONS_PER_USER = 20;
    /** System property: how many connections may come from one IP address at once; 0 for no limit. */
    public static final String MAX_CONNECTIONS_PER_ADDRESS = "chat.max-connections-per-address";
    public static final int DEFAULT_MAX_CONNECTIONS_PER_ADDRESS = 200;

    private int maxConnectionsPerUser;
    private int maxConnectionsPerAddress;

    @Inject
    ChatRuntime runtime;

    @Inject
    Authentication authentication;

    @Override
    public void init() {
        maxConnectionsPerUser = Integer.getInteger(MAX_CONNECTIONS_PER_USER, DEFAULT_MAX_CONNECTIONS_PER_USER);
        maxConnectionsPerAddress = Integer.getInteger(MAX_CONNECTIONS_PER_ADDRESS, DEFAULT_MAX_CONNECTIONS_PER_ADDRESS);
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        try {
            VerifiedUser user = admit(request);
            runtime.traffic().handshakeAccepted();
            chain.doFilter(new HttpServletRequestWrapper(request) {
                @Override
                public Principal getUserPrincipal() {
                    return user;
                }
            }, response);
        } catch (ChatException refused) {
            runtime.traffic().handshakeRefused(refused.code());
            ConnectionLog.refused(request.getRemoteAddr(), refused.code(), refused.getMessage());
            if (refused.code() == ErrorCode.UPGRADE_REQUIRED) {
                response.setHeader("Sec-WebSocket-Version", WebSocketHeaders.VERSION);
            }
            FilterAnswers.refuse(response, refused.code(), refused.getMessage());
        }
    }

    private VerifiedUser admit(HttpServletRequest request) {
        String upgrade = request.getHeader("Upgrade");
        if (upgrade != null && upgrade.toLowerCase(java.util.Locale.ROOT).contains("websocket")) {
            WebSocketHeaders.require(request.getHeader("Sec-WebSocket-Version"), request.getHeader("Sec-WebSocket-Key"));
        }
        if (!authentication.origins().allows(request.getHeader("Origin"), request.getHeader("Host"))) {
            throw new ChatException(ErrorCode.FORBIDDEN_ORIGIN, "pages from this origin may not connect");
        }
        RequestParser.handshakeAfter(request.getParameter(RequestParser.HANDSHAKE_AFTER));
        AuthSession session = authentication.requireForHandshake(request);
        // counted before the upgrade, with the handshakes admitted but not open yet: racing handshakes pass no limit
        Connections connections = runtime.chat().connections();
        String address = request.getRemoteAddr();
        long reservation = connections.reserve(session.user(), address, maxConnectionsPerUser, maxConnectionsPerAddress);
        if (reservation == Connections.USER_FULL) {
            throw new ChatException(ErrorCode.TOO_MANY_CONNECTIONS,
                    "a user may hold " + maxConnectionsPerUser + " connections at once; close one first");
        }
        if (reservation == Connections.ADDRESS_FULL) {
            throw new ChatException(ErrorCode.TOO_MANY_CONNECTIONS,
                    "an address may hold " + maxConnectionsPerAddress + " connections at once");
        }
        return new VerifiedUser(session, address, reservation);
    }
}
