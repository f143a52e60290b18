package dev.chatwar.boundary;

import dev.chatwar.base.ChatException;
import dev.chatwar.base.ErrorCode;
import dev.chatwar.base.UserName;
import dev.chatwar.chat.ChatRuntime;
import dev.chatwar.identity.AccountStore;
import dev.chatwar.identity.AuthSession;
import dev.chatwar.identity.Authentication;
import dev.chatwar.protocol.RequestParser;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * Registration: anyone may create an account with a free name and a password. The display names of users, for
 * whoever is signed in.
 */
@Path("users")
@Produces(MediaType.APPLICATION_JSON)
public class UsersResource {

    @Inject
    Authentication authentication;

    @Context
    HttpServletRequest request;

    @Inject
    ChatRuntime runtime;

    /** {@code ?names=alice,bob}: the profiles of those users, 1 to 100 names; names of nobody are left out. */
    @GET
    public String profiles(@QueryParam("names") String names) {
        AuthSession session = authentication.require(request);
        runtime.rateLimits().requireUser(session.user());
        if (names == null) {
            throw new ChatException(ErrorCode.MISSING_FIELD, "missing parameter 'names'");
        }
        JsonArrayBuilder users = JsonBuilders.array();
        authentication.accounts().profiles().of(List.of(names.split(",", -1))).forEach(p -> users.add(profile(p)));
        return JsonBuilders.object().add("users", users).build().toString();
    }

    static JsonObject profile(AccountStore.Profile profile) {
        JsonObjectBuilder json = JsonBuilders.object().add("user", profile.user().value());
        return (profile.displayName() == null ? json.addNull("displayName")
                : json.add("displayName", profile.displayName())).build();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response register(String body) {
        JsonObject form = RequestParser.body(body);
        UserName user = authentication.accounts().register(form.getString("user", null),
                RequestParser.requiredString(form, "password"), request.getRemoteAddr());
        return Response.status(Response.Status.CREATED)
                .entity(JsonBuilders.object().add("user", user.value()).build().toString())
                .build();
    }
}
