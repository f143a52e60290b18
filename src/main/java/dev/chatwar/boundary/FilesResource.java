package dev.chatwar.boundary;

import dev.chatwar.chat.ChatRuntime;
import dev.chatwar.chat.Queries;
import dev.chatwar.files.FileNames;
import dev.chatwar.files.FileRules;
import dev.chatwar.identity.AuthSession;
import dev.chatwar.identity.Authentication;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;

/**
 * Serves a file to whoever may read its room, so that it can never act in the chat's origin: only an image the
 * server recognised by its bytes is shown inline, with its own type; anything else is a download of
 * {@code application/octet-stream}; and every answer forbids sniffing and puts the content in a sandbox without
 * script.
 */
@Path("files")
public class FilesResource {

    /** The policy of a served file: nothing loads, nothing runs, as if from an origin of its own. */
    static final String POLICY = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox";

    @Inject
    ChatRuntime runtime;

    @Inject
    FileRules files;

    @Inject
    Authentication authentication;

    @Context
    HttpServletRequest request;

    @GET
    @Path("{id}")
    public Response download(@PathParam("id") String id) {
        AuthSession session = authentication.require(request);
        Queries queries = runtime.chat().queries();
        FileRules.Served served = files.serve(session.user(), id, queries::mayRead);
        var file = served.file().attachment();
        return Response.ok(served.bytes(), file.type())
                .header("Content-Disposition", FileNames.disposition(file.image(), file.name()))
                .header("Content-Length", served.bytes().length)
                .header("Content-Security-Policy", POLICY)
                .header("X-Content-Type-Options", "nosniff")
                .header("Cross-Origin-Resource-Policy", "same-origin")
                .header("Cache-Control", "private, max-age=300")
                .build();
    }
}
