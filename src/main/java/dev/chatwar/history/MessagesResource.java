package dev.chatwar.history;

import dev.chatwar.chat.ChatRuntime;
import dev.chatwar.identity.Identity;
import dev.chatwar.protocol.ChatException;
import dev.chatwar.protocol.ErrorCode;
import dev.chatwar.protocol.Frames;
import dev.chatwar.protocol.RequestParser;
import dev.chatwar.room.RoomName;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Publish to a room and read its recent events over HTTP. */
@Path("rooms/{room}/messages")
@Produces(MediaType.APPLICATION_JSON)
public class MessagesResource {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 200;

    private final Frames frames = new Frames();
    private final RequestParser parser = new RequestParser();

    @Inject
    ChatRuntime runtime;

    @GET
    public String recent(@PathParam("room") String room, @QueryParam("limit") @DefaultValue("50") String limit) {
        JsonArrayBuilder events = Json.createArrayBuilder();
        runtime.chat().recent(RoomName.parse(room), limit(limit)).forEach(event -> events.add(frames.event(event)));
        return events.build().toString();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response publish(@PathParam("room") String room, @HeaderParam(Identity.HEADER) String user, String body) {
        RoomEvent event = runtime.chat().publish(RoomName.parse(room), Identity.require(user),
                parser.postedText(body));
        return Response.status(Response.Status.CREATED).entity(frames.event(event).toString()).build();
    }

    private static int limit(String raw) {
        try {
            int limit = Integer.parseInt(raw);
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException notANumber) {
            // answered below
        }
        throw new ChatException(ErrorCode.INVALID_FIELD, "limit must be an integer from 1 to " + MAX_LIMIT);
    }
}
