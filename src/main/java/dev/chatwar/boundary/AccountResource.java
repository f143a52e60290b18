package dev.chatwar.boundary;

import dev.chatwar.base.ChatException;
import dev.chatwar.base.ErrorCode;
import dev.chatwar.chat.ChatRuntime;
import dev.chatwar.identity.AuthSession;
import dev.chatwar.identity.Authentication;
import dev.chatwar.protocol.RequestParser;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * The signed-in user's own account: a new password (every other session ends, its sockets closed with 4401 on
 * every node) and closing the account (every session ends). Both ask for the current password again, and a
 * wrong one counts as a failed sign-in: a stolen token alone can do neither.
 */
@Path("users/me")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AccountResource {

    @Inject
    Authentication authentication;

    @Inject
    ChatRuntime runtime;

    @Context
    HttpServletRequest request;

    @PUT
    @Path("password")
    public Response changePassword(String body) {
        AuthSession session = admitted();
        JsonObject form = RequestParser.body(body);
        List<String> ended = authentication.accounts().changePassword(session,
                RequestParser.requiredString(form, "password"), RequestParser.requiredString(form, "newPassword"),
                request.getRemoteAddr());
        ended.forEach(id -> runtime.chat().endSession(id, "password changed"));
        return Response.noContent().build();
    }

    /** The name the user is shown as; {@code "displayName": null} clears it. */
    @PUT
    @Path("profile")
    public String profile(String body) {
        AuthSession session = admitted();
        JsonObject form = RequestParser.body(body);
        if (!form.containsKey("displayName")) {
            throw new ChatException(ErrorCode.MISSING_FIELD, "missing field 'displayName'");
        }
        String name = form.isNull("displayName") ? null : RequestParser.requiredString(form, "displayName");
        return UsersResource.profile(authentication.accounts().profiles().set(session.user(), name)).toString();
    }

    // a POST, not a DELETE with a body: Payara's listener refuses a DELETE that has one (400), as proxies may
    @POST
    @Path("close")
    public Response close(String body) {
        AuthSession session = admitted();
        JsonObject form = RequestParser.body(body);
        List<String> ended = authentication.accounts().closeAccount(session,
                RequestParser.requiredString(form, "password"), request.getRemoteAddr());
        ended.forEach(id -> runtime.chat().endSession(id, "account closed"));
        return Response.noContent().cookie(SessionsResource.cookie(request, "", 0)).build();
    }

    // each costs two password hashes at most: they count against the user's frame rate, as a frame would
    private AuthSession admitted() {
        AuthSession session = authentication.require(request);
        runtime.rateLimits().requireUser(session.user());
        return session;
    }
}
