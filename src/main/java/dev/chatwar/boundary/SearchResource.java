package dev.chatwar.boundary;

import dev.chatwar.base.ChatException;
import dev.chatwar.base.ErrorCode;
import dev.chatwar.base.RoomName;
import dev.chatwar.base.UserName;
import dev.chatwar.chat.ChatRuntime;
import dev.chatwar.identity.AuthSession;
import dev.chatwar.identity.Authentication;
import dev.chatwar.protocol.RequestParser;
import dev.chatwar.search.SearchHit;
import dev.chatwar.search.SearchQuery;
import dev.chatwar.search.SearchResults;
import dev.chatwar.search.SearchRuntime;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** Full-text search of the messages the signed-in user may read (docs/protocol.md, section 8). */
@Path("search")
@Produces(MediaType.APPLICATION_JSON)
public class SearchResource {

    @Inject
    ChatRuntime runtime;

    @Inject
    SearchRuntime search;

    @Inject
    Authentication authentication;

    @Context
    HttpServletRequest request;

    @GET
    public String search(@QueryParam("q") String q, @QueryParam("room") String room, @QueryParam("user") String user,
                         @QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("sort") String sort,
                         @QueryParam("limit") String limit, @QueryParam("offset") String offset) {
        AuthSession session = authentication.require(request);
        runtime.rateLimits().requireUser(session.user());
        Long count = RequestParser.integerParameter("limit", limit);
        Long skip = RequestParser.integerParameter("offset", offset);
        SearchQuery query = new SearchQuery(q, room == null ? null : RoomName.parse(room), author(user),
                instant("from", from), instant("to", to), order(sort),
                count == null ? SearchQuery.DEFAULT_LIMIT : (int) Math.max(-1, Math.min(count, 1000)),
                skip == null ? 0 : (int) Math.max(-1, Math.min(skip, 100_000)));
        SearchResults results = runtime.chat().queries().search(session.user(), query, search.search());
        JsonArrayBuilder hits = JsonBuilders.array();
        results.hits().forEach(hit -> hits.add(json(hit)));
        return JsonBuilders.object().add("results", hits).add("more", results.more()).build().toString();
    }

    private static JsonObject json(SearchHit hit) {
        JsonArrayBuilder matches = JsonBuilders.array();
        hit.matches().forEach(match -> matches.add(JsonBuilders.array().add(match.start()).add(match.end())));
        return JsonBuilders.object().add("room", hit.room().value()).add("id", hit.id()).add("seq", hit.seq())
                .add("user", hit.author().value()).add("sentAt", hit.sentAt().toString()).add("text", hit.text())
                .add("matches", matches).build();
    }

    private static UserName author(String user) {
        if (user == null) {
            return null;
        }
        if (!UserName.isValid(user)) {
            throw new ChatException(ErrorCode.INVALID_FIELD, "user must be a user name");
        }
        return new UserName(user);
    }

    private static Instant instant(String name, String value) {
        try {
            return value == null ? null : Instant.parse(value);
        } catch (DateTimeParseException notATime) {
            throw new ChatException(ErrorCode.INVALID_FIELD, name + " must be a time such as 2026-12-03T09:00:00Z");
        }
    }

    private static SearchQuery.Order order(String sort) {
        if (sort == null || sort.equals("newest")) {
            return SearchQuery.Order.NEWEST;
        }
        if (sort.equals("relevance")) {
            return SearchQuery.Order.RELEVANCE;
        }
        throw new ChatException(ErrorCode.INVALID_FIELD, "sort is newest or relevance");
    }
}
