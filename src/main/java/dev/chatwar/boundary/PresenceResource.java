package dev.chatwar.boundary;

import dev.chatwar.base.RoomName;
import dev.chatwar.chat.ChatRuntime;
import dev.chatwar.identity.Authentication;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;

/** Who is in a room right now. */
@Path("rooms/{room}/presence")
@Produces(MediaType.APPLICATION_JSON)
public class PresenceResource {

    @Inject
    ChatRuntime runtime;

    @Inject
    Authentication authentication;

    @Context
    HttpServletRequest request;

    @GET
    public String present(@PathParam("room") String room) {
        RoomName name = RoomName.parse(room);
        JsonArrayBuilder users = JsonBuilders.array();
        runtime.chat().queries().present(authentication.require(request).user(), name).forEach(user -> users.add(user.value()));
        return JsonBuilders.object().add("room", name.value()).add("present", users).build().toString();
    }
}
