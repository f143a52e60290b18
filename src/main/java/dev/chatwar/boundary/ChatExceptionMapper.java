package dev.chatwar.boundary;

import dev.chatwar.base.ChatException;
import dev.chatwar.protocol.Frames;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** An HTTP request refused by the chat's rules answers with the error code's status and a JSON body. */
@Provider
public class ChatExceptionMapper implements ExceptionMapper<ChatException> {

    private final Frames frames = new Frames();

    @Override
    public Response toResponse(ChatException refused) {
        return Response.status(refused.code().httpStatus())
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(frames.httpError(refused.code(), refused.getMessage()).toString())
                .build();
    }
}
