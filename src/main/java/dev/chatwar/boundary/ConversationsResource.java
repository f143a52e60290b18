package dev.chatwar.boundary;

import dev.chatwar.base.UserName;
import dev.chatwar.chat.ChatRuntime;
import dev.chatwar.identity.Authentication;
import dev.chatwar.protocol.RequestParser;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;

/** The caller's conversations, newest activity first, as the {@code conversations} request answers them. */
@Path("conversations")
@Produces(MediaType.APPLICATION_JSON)
public class ConversationsResource {

    @Inject
    ChatRuntime runtime;

    @Inject
    Authentication authentication;

    @Context
    HttpServletRequest request;

    // a list reads the store once per conversation shown: it counts against the user's frame rate, as a frame would
    @GET
    public String list(@QueryParam("limit") String limit) {
        UserName user = authentication.require(request).user();
        int most = RequestParser.conversationLimit(RequestParser.integerParameter("limit", limit));
        runtime.rateLimits().requireUser(user);
        return runtime.chat().queries().conversations(user, most).toString();
    }
}
