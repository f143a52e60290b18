package dev.chatwar.boundary;

import dev.chatwar.base.UserName;
import dev.chatwar.identity.Authentication;
import dev.chatwar.protocol.RequestParser;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Registration: anyone may create an account with a free name and a password. */
@Path("users")
@Produces(MediaType.APPLICATION_JSON)
public class UsersResource {

    @Inject
    Authentication authentication;

    @Context
    HttpServletRequest request;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response register(String body) {
        JsonObject form = RequestParser.body(body);
        UserName user = authentication.accounts().register(form.getString("user", null),
                RequestParser.requiredString(form, "password"), request.getRemoteAddr());
        return Response.status(Response.Status.CREATED)
                .entity(Json.createObjectBuilder().add("user", user.value()).build().toString())
                .build();
    }
}
