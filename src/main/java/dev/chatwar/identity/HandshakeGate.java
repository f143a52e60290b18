package dev.chatwar.identity;

import dev.chatwar.chat.ChatEndpoint;
import dev.chatwar.protocol.ChatException;
import dev.chatwar.protocol.ErrorCode;
import dev.chatwar.protocol.Frames;
import dev.chatwar.protocol.RequestParser;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Refuses a WebSocket handshake before the upgrade: from a page of a foreign origin (403), without a valid
 * identity or with a bad {@code after} (400).
 */
@WebFilter(ChatEndpoint.PATH)
public class HandshakeGate extends HttpFilter {

    private final Frames frames = new Frames();
    private OriginPolicy origins;

    @Override
    public void init() {
        origins = OriginPolicy.of(System.getProperty(OriginPolicy.ALLOWED_ORIGINS));
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!origins.allows(request.getHeader("Origin"), request.getHeader("Host"))) {
            refuse(response, ErrorCode.FORBIDDEN_ORIGIN, "pages from this origin may not connect");
            return;
        }
        if (Identity.resolve(request.getParameter(Identity.QUERY_PARAMETER)) instanceof Identity.Refused refused) {
            refuse(response, refused.code(), refused.message());
            return;
        }
        try {
            RequestParser.handshakeAfter(request.getParameter("after"));
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
