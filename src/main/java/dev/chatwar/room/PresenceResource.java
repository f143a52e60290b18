package dev.chatwar.room;

import dev.chatwar.chat.ChatRuntime;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Who is in a room right now. */
@Path("rooms/{room}/presence")
@Produces(MediaType.APPLICATION_JSON)
public class PresenceResource {

    @Inject
    ChatRuntime runtime;

    @GET
    public String present(@PathParam("room") String room) {
        RoomName name = RoomName.parse(room);
        JsonArrayBuilder users = Json.createArrayBuilder();
        runtime.chat().present(name).forEach(user -> users.add(user.value()));
        return Json.createObjectBuilder().add("room", name.value()).add("present", users).build().toString();
    }
}
