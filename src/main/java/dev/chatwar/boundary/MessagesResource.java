package dev.chatwar.boundary;

import dev.chatwar.base.ChatException;
import dev.chatwar.base.ErrorCode;
import dev.chatwar.base.RoomName;
import dev.chatwar.chat.ChatRuntime;
import dev.chatwar.chat.Published;
import dev.chatwar.chat.Queries;
import dev.chatwar.history.HistoryPage;
import dev.chatwar.history.HistoryQuery;
import dev.chatwar.identity.AuthSession;
import dev.chatwar.identity.Authentication;
import dev.chatwar.protocol.Frames;
import dev.chatwar.protocol.RequestParser;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Publish to a room and page through its events over HTTP, as a signed-in user. */
@Path("rooms/{room}/messages")
@Produces(MediaType.APPLICATION_JSON)
public class MessagesResource {

    private static final long STORE_TIMEOUT_SECONDS = 30;

    private final Frames frames = new Frames();
    private final RequestParser parser = new RequestParser();

    @Inject
    ChatRuntime runtime;

    @Inject
    Authentication authentication;

    @Context
    HttpServletRequest request;

    /**
     * A page of the room's events; {@code mentions=me}: of its live messages that mention the caller;
     * {@code thread=N}: of message N's thread.
     */
    @GET
    public String page(@PathParam("room") String room, @QueryParam("before") String before,
                       @QueryParam("after") String after, @QueryParam("limit") String limit,
                       @QueryParam("mentions") String mentions, @QueryParam("thread") String thread) {
        AuthSession session = authentication.require(request);
        HistoryQuery query = HistoryQuery.of(RequestParser.integerParameter("before", before),
                RequestParser.integerParameter("after", after), RequestParser.integerParameter("limit", limit));
        if (mentions != null && !mentions.equals("me")) {
            throw new ChatException(ErrorCode.INVALID_FIELD, "mentions takes one value: me");
        }
        Long threadId = RequestParser.integerParameter("thread", thread);
        if (threadId != null && (threadId < 1 || mentions != null)) {
            throw new ChatException(ErrorCode.INVALID_FIELD, "thread must be a message id, and not with mentions");
        }
        RoomName name = RoomName.parse(room);
        Queries queries = runtime.chat().queries();
        JsonArrayBuilder events = JsonBuilders.array();
        if (mentions != null) {
            queries.mentioning(session.user(), name, query).forEach(event -> events.add(frames.event(event)));
        } else {
            HistoryPage page = threadId == null ? queries.history(session.user(), name, query)
                    : queries.thread(session.user(), name, threadId, query);
            page.events().forEach(event -> events.add(frames.event(event, page)));
        }
        return events.build().toString();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response publish(@PathParam("room") String room, String body) {
        AuthSession session = authentication.require(request);
        runtime.rateLimits().requireUser(session.user());
        Published published = stored(runtime.chat().publish(session.user(),
                parser.posted(RoomName.parse(room), body)));
        return Response.status(published.duplicate() ? Response.Status.OK : Response.Status.CREATED)
                .entity(frames.event(published.event()).toString())
                .build();
    }

    // one commit, shared with whatever else is being stored: waiting on it here is as short as storing alone
    private static Published stored(CompletableFuture<Published> publishing) {
        try {
            return publishing.get(STORE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException failed) {
            if (failed.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw new IllegalStateException(failed.getCause());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the message was being stored", interrupted);
        } catch (TimeoutException slow) {
            throw new ChatException(ErrorCode.SERVER_ERROR,
                    "the message is taking long to store; look for it before you send it again", null);
        }
    }
}
