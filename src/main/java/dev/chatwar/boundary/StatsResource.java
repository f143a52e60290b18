package dev.chatwar.boundary;

import dev.chatwar.chat.Chat;
import dev.chatwar.history.StoreWriter;
import dev.chatwar.chat.ChatRuntime;
import dev.chatwar.identity.Authentication;
import dev.chatwar.identity.HashingStats;
import dev.chatwar.search.IndexStatus;
import dev.chatwar.search.SearchRuntime;
import jakarta.inject.Inject;
import jakarta.json.JsonObjectBuilder;
import java.util.Map;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * Operational counters: open connections, users, rooms, the other nodes heard from lately, how many
 * connections ended with each close code, the store's transactions and the appends they carried, and the
 * password hashing done (the work a sign-in flood costs), and how far the node's search index has come.
 */
@Path("stats")
@Produces(MediaType.APPLICATION_JSON)
public class StatsResource {

    @Inject
    ChatRuntime runtime;

    @Inject
    Authentication authentication;

    @Inject
    SearchRuntime search;

    @GET
    public String stats() {
        Chat chat = runtime.chat();
        StoreWriter.Stats store = chat.storeStats();
        HashingStats hashing = authentication.accounts().hashingStats();
        IndexStatus index = search.status();

        return JsonBuilders.object()
                .add("connections", chat.connections().connectionCount())
                .add("users", chat.connections().userCount())
                .add("rooms", chat.roomCount())
                .add("roomsLoaded", chat.roomLoads())
                .add("peers", chat.peerCount())
                .add("closeCodes", byCode(chat.connections().closeCodeCounts()))
                .add("closedByServer", byCode(chat.connections().serverCloseCodeCounts()))
                .add("closedByClient", byCode(chat.connections().clientCloseCodeCounts()))
                .add("store", JsonBuilders.object().add("commits", store.commits()).add("appends", store.appends()))
                .add("passwordHashing", JsonBuilders.object().add("hashed", hashing.hashed())
                        .add("refusedBusy", hashing.refusedBusy()).add("mostAtOnce", hashing.mostAtOnce()))
                .add("search", JsonBuilders.object().add("indexedId", index.indexedId())
                        .add("failing", index.failing()))
                .build().toString();
    }

    private static JsonObjectBuilder byCode(Map<Integer, Long> counts) {
        JsonObjectBuilder json = JsonBuilders.object();
        counts.forEach((code, count) -> json.add(String.valueOf(code), count));
        return json;
    }
}
