package dev.chatwar.boundary;

import dev.chatwar.chat.ChatRuntime;
import dev.chatwar.identity.Accounts;
import dev.chatwar.identity.AuthSession;
import dev.chatwar.identity.Authentication;
import dev.chatwar.identity.DeviceCookie;
import dev.chatwar.protocol.RequestParser;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.time.Instant;

/**
 * Sign-in and sign-out. A login answers with a bearer token and sets it as an HttpOnly cookie for pages of
 * this origin; signing out, or the session's expiry, closes the session's sockets with 4401.
 */
@Path("sessions")
@Produces(MediaType.APPLICATION_JSON)
public class SessionsResource {

    @Inject
    Authentication authentication;

    @Inject
    ChatRuntime runtime;

    @Context
    HttpServletRequest request;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response login(String body, @CookieParam(DeviceCookie.NAME) String deviceCookie) {
        JsonObject form = RequestParser.body(body);
        Long ttl = RequestParser.optionalLong(form, "ttlSeconds");
        Accounts.Login login = authentication.accounts().login(form.getString("user", null),
                form.getString("password", null), ttl == null ? null : Duration.ofSeconds(ttl),
                request.getRemoteAddr(), deviceCookie);
        AuthSession session = login.session();
        long maxAge = Math.max(1, Duration.between(Instant.now(), session.expiresAt()).toSeconds());
        return Response.status(Response.Status.CREATED)
                .cookie(cookie(login.token(), maxAge), new NewCookie.Builder(DeviceCookie.NAME)
                        .value(login.deviceCookie()).path(request.getContextPath() + "/api/sessions")
                        .maxAge((int) DeviceCookie.LIFETIME.toSeconds()).httpOnly(true)
                        .sameSite(NewCookie.SameSite.STRICT).secure(request.isSecure()).build())
                .header("Cache-Control", "no-store")
                .entity(JsonBuilders.object()
                        .add("user", session.user().value())
                        .add("token", login.token())
                        .add("expiresAt", session.expiresAt().toString())
                        .build().toString())
                .build();
    }

    @GET
    @Path("current")
    public String current() {
        AuthSession session = authentication.require(request);
        return JsonBuilders.object()
                .add("user", session.user().value())
                .add("expiresAt", session.expiresAt().toString())
                .build().toString();
    }

    @DELETE
    @Path("current")
    public Response logout() {
        AuthSession session = authentication.require(request);
        authentication.accounts().logout(session);
        runtime.chat().endSession(session.id(), "signed out");
        return Response.noContent().cookie(cookie("", 0)).build();
    }

    /** A one-time ticket for a handshake from a page that cannot send the cookie or a header. */
    @POST
    @Path("current/tickets")
    public Response ticket() {
        AuthSession session = authentication.require(request);
        return Response.status(Response.Status.CREATED)
                .header("Cache-Control", "no-store")
                .entity(JsonBuilders.object()
                        .add("ticket", authentication.accounts().ticket(session))
                        .add("expiresIn", Accounts.TICKET_LIFETIME.toSeconds())
                        .build().toString())
                .build();
    }

    private NewCookie cookie(String token, long maxAge) {
        return cookie(request, token, maxAge);
    }

    /** The session cookie holding the token, or clearing it with an empty token and age 0. */
    static NewCookie cookie(HttpServletRequest request, String token, long maxAge) {
        return new NewCookie.Builder(Authentication.COOKIE).value(token).path(request.getContextPath() + "/")
                .maxAge((int) Math.min(Integer.MAX_VALUE, maxAge)).httpOnly(true).sameSite(NewCookie.SameSite.STRICT)
                .secure(request.isSecure()).build();
    }
}
