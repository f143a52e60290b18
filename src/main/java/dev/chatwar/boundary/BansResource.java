package dev.chatwar.boundary;

import dev.chatwar.base.ChatException;
import dev.chatwar.base.ErrorCode;
import dev.chatwar.base.UserName;
import dev.chatwar.chat.ChatRuntime;
import dev.chatwar.identity.Authentication;
import dev.chatwar.identity.AuthSession;
import dev.chatwar.identity.ServerBans;
import dev.chatwar.protocol.ModerationFields;
import dev.chatwar.protocol.ModerationFrames;
import dev.chatwar.protocol.RequestParser;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Bans from the whole server, for server moderators only (everyone else: {@code not_allowed}). A ban ends every
 * session of the user, its sockets closed with 4401 on every node, and refuses its sign-ins until it is over.
 */
@Path("bans")
@Produces(MediaType.APPLICATION_JSON)
public class BansResource {

    private final ModerationFrames frames = new ModerationFrames();

    @Inject
    ChatRuntime runtime;

    @Inject
    Authentication authentication;

    @Context
    HttpServletRequest request;

    @GET
    public String list() {
        AuthSession session = admitted();
        return frames.serverBans(bans().list(session.user())).toString();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response ban(String body) {
        AuthSession session = admitted();
        JsonObject form = RequestParser.body(body);
        UserName target = RequestParser.requiredUser(form);
        ServerBans.Banned banned = bans().ban(session.user(), target,
                ModerationFields.duration(RequestParser.optionalLong(form, "duration")),
                ModerationFields.reason(form.get("reason")));
        banned.endedSessions().forEach(id -> runtime.chat().endSession(id, "banned"));
        return Response.status(Response.Status.CREATED).entity(frames.serverBan(banned.ban()).toString()).build();
    }

    @DELETE
    @Path("{user}")
    public Response lift(@PathParam("user") String user) {
        AuthSession session = admitted();
        if (!UserName.isValid(user)) {
            throw new ChatException(ErrorCode.INVALID_FIELD, "not a user name");
        }
        bans().lift(session.user(), new UserName(user));
        return Response.noContent().build();
    }

    private ServerBans bans() {
        return authentication.accounts().serverBans();
    }

    private AuthSession admitted() {
        AuthSession session = authentication.require(request);
        runtime.rateLimits().requireUser(session.user());
        return session;
    }
}
