package dev.chatwar.identity;

import dev.chatwar.chat.ChatEndpoint;
import dev.chatwar.protocol.Frames;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** Refuses a WebSocket handshake without a valid identity with HTTP 400, before the upgrade happens. */
@WebFilter(ChatEndpoint.PATH)
public class HandshakeGate extends HttpFilter {

    private final Frames frames = new Frames();

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (Identity.resolve(request.getParameter(Identity.QUERY_PARAMETER)) instanceof Identity.Refused refused) {
            response.setStatus(refused.code().httpStatus());
            response.setContentType("application/json");
            response.setCharacterEncoding("UTF-8");
            response.getWriter().write(frames.httpError(refused.code(), refused.message()).toString());
            return;
        }
        chain.doFilter(request, response);
    }
}
