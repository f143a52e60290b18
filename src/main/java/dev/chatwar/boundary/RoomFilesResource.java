package dev.chatwar.boundary;

import dev.chatwar.base.RoomName;
import dev.chatwar.chat.ChatRuntime;
import dev.chatwar.files.FileRules;
import dev.chatwar.history.Attachment;
import dev.chatwar.history.FileStore;
import dev.chatwar.identity.AuthSession;
import dev.chatwar.identity.Authentication;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Uploads a file into a room, to be sent with a message: the body is the file, {@code ?name=} its name. The body
 * was read, within the upload bounds, by {@link BodyGate}.
 */
@Path("rooms/{room}/files")
@Produces(MediaType.APPLICATION_JSON)
public class RoomFilesResource {

    @Inject
    ChatRuntime runtime;

    @Inject
    FileRules files;

    @Inject
    Authentication authentication;

    @Context
    HttpServletRequest request;

    @POST
    @Consumes(MediaType.WILDCARD)
    public Response upload(@PathParam("room") String room, @QueryParam("name") String name, byte[] body) {
        AuthSession session = authentication.require(request);
        runtime.rateLimits().requireUser(session.user());
        RoomName into = RoomName.parse(room);
        runtime.chat().queries().requireMayPost(session.user(), into);
        FileStore.Description stored = files.store(session.user(), into, name, body);
        return Response.status(Response.Status.CREATED).entity(json(stored.attachment()).toString()).build();
    }

    static JsonObject json(Attachment file) {
        return JsonBuilders.object().add("id", file.id()).add("name", file.name()).add("type", file.type())
                .add("size", file.size()).add("image", file.image()).build();
    }
}
