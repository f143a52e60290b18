package dev.chatwar.boundary;

import dev.chatwar.base.ErrorCode;
import dev.chatwar.protocol.Frames;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** How the servlet filters refuse a request: as the JAX-RS resources do, the code's status and a JSON body. */
final class FilterAnswers {

    private static final Frames FRAMES = new Frames();

    private FilterAnswers() {
    }

    static void refuse(HttpServletResponse response, ErrorCode code, String message) throws IOException {
        SecurityHeaders.apply(response); // the filter that sets them may not have run yet: filter order is not fixed
        response.setStatus(code.httpStatus());
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(FRAMES.httpError(code, message).toString());
    }
}
