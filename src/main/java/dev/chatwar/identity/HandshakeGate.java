package dev.chatwar.identity;

import dev.chatwar.chat.ChatEndpoint;
import dev.chatwar.chat.ChatRuntime;
import dev.chatwar.protocol.ChatException;
import dev.chatwar.protocol.ErrorCode;
import dev.chatwar.protocol.Frames;
import dev.chatwar.protocol.RequestParser;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Refuses a WebSocket handshake before the upgrade: from a page of a foreign origin (403), without a valid
 * identity or with a bad {@code after} (400), for a user who holds too many connections already (429).
 */
@WebFilter(ChatEndpoint.PATH)
public class HandshakeGate extends HttpFilter {

    /** System property: how many connections one user may hold at once. */
    public static final String MAX_CONNECTIONS_PER_USER = "chat.max-connections-per-user";
    public static final int DEFAULT_MAX_CONNECTIONS_PER_USER = 20;

    private final Frames frames = new Frames();
    private OriginPolicy origins;
    private int maxConnectionsPerUser;

    @Inject
    ChatRuntime runtime;

    @Override
    public void init() {
        origins = OriginPolicy.of(System.getProperty(OriginPolicy.ALLOWED_ORIGINS));
        maxConnectionsPerUser = Integer.getInteger(MAX_CONNECTIONS_PER_USER, DEFAULT_MAX_CONNECTIONS_PER_USER);
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!origins.allows(request.getHeader("Origin"), request.getHeader("Host"))) {
            refuse(response, ErrorCode.FORBIDDEN_ORIGIN, "pages from this origin may not connect");
            return;
        }
        Identity.Result identity = Identity.resolve(request.getParameter(Identity.QUERY_PARAMETER));
        if (identity instanceof Identity.Refused refused) {
            refuse(response, refused.code(), refused.message());
            return;
        }
        // counted before the upgrade, so handshakes racing each other may pass the limit by a few
        if (runtime.chat().connections().connectionsOf(((Identity.Known) identity).user()) >= maxConnectionsPerUser) {
            refuse(response, ErrorCode.TOO_MANY_CONNECTIONS,
                    "a user may hold " + maxConnectionsPerUser + " connections at once; close one first");
            return;
        }
        try {
            RequestParser.handshakeAfter(request.getParameter(RequestParser.HANDSHAKE_AFTER));
        } catch (ChatException invalid) {
            refuse(response, invalid.code(), invalid.getMessage());
            return;
        }
        chain.doFilter(request, response);
    }

    private void refuse(HttpServletResponse response, ErrorCode code, String message) throws IOException {
        response.setStatus(code.httpStatus());
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(frames.httpError(code, message).toString());
    }
}
