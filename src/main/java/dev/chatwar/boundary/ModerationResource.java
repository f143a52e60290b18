package dev.chatwar.boundary;

import dev.chatwar.base.RoomName;
import dev.chatwar.chat.ChatRuntime;
import dev.chatwar.identity.Authentication;
import dev.chatwar.identity.AuthSession;
import dev.chatwar.protocol.ModerationFrames;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;

/** Who runs a room, and the bans and mutes in force there: for whoever may enter it and is not banned. */
@Path("rooms/{room}/moderation")
@Produces(MediaType.APPLICATION_JSON)
public class ModerationResource {

    private final ModerationFrames frames = new ModerationFrames();

    @Inject
    ChatRuntime runtime;

    @Inject
    Authentication authentication;

    @Context
    HttpServletRequest request;

    // it reads the database every time: it counts against the user's frame rate
    @GET
    public String rules(@PathParam("room") String room) {
        AuthSession session = authentication.require(request);
        runtime.rateLimits().requireUser(session.user());
        RoomName name = RoomName.parse(room);
        return frames.rules(name, runtime.chat().queries().rules(session.user(), name), Instant.now()).toString();
    }
}
