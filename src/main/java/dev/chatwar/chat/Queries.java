package dev.chatwar.chat;

import dev.chatwar.base.ChatException;
import dev.chatwar.base.ErrorCode;
import dev.chatwar.base.RoomName;
import dev.chatwar.base.UserName;
import dev.chatwar.history.EventStore;
import dev.chatwar.history.HistoryPage;
import dev.chatwar.history.HistoryQuery;
import dev.chatwar.history.RoomEvent;
import dev.chatwar.history.RoomRules;
import dev.chatwar.moderation.Moderation;
import dev.chatwar.protocol.ConversationFrames;
import dev.chatwar.room.Room;
import dev.chatwar.room.RoomAccess;
import dev.chatwar.room.Rooms;
import dev.chatwar.search.MessageSearch;
import dev.chatwar.search.SearchHit;
import dev.chatwar.search.SearchQuery;
import dev.chatwar.search.SearchResults;
import jakarta.json.JsonObject;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a signed-in user may read without a connection (the HTTP API): a room's history, its messages that
 * mention the user, who is in it, who runs it, and the user's conversations. Each checks the user may enter the
 * room, and is not banned from it, first.
 */
public final class Queries {

    private final ConversationFrames listFrames = new ConversationFrames();
    private final EventStore store;
    private final RoomAccess access;
    private final Rooms rooms;
    private final ConversationList conversations;
    private final Moderation moderation;

    Queries(EventStore store, RoomAccess access, Rooms rooms, ConversationList conversations, Moderation moderation) {
        this.store = store;
        this.access = access;
        this.rooms = rooms;
        this.conversations = conversations;
        this.moderation = moderation;
    }

    private void enter(UserName user, RoomName room) {
        access.requireEntry(user, room);
        moderation.requireNotBanned(user, room);
    }

    /** Refuses, as a message there would be refused, a user who may not post into the room (a file, say). */
    public void requireMayPost(UserName user, RoomName room) {
        access.requireEntry(user, room);
        moderation.requireMayWrite(user, room);
    }

    /** Whether the user may read the room now: let in, and not banned from it. */
    public boolean mayRead(UserName user, RoomName room) {
        return access.mayEnter(user, room) && moderation.ban(user, room).isEmpty();
    }

    /** Who runs the room, and the bans and mutes in force there, as the store holds them now. */
    public RoomRules rules(UserName asker, RoomName room) {
        enter(asker, room);
        return room.isDirect() ? RoomRules.NONE : store.rules(room);
    }

    public HistoryPage history(UserName reader, RoomName room, HistoryQuery query) {
        enter(reader, room);
        return withReactions(store.page(room, query), reader);
    }

    /** A page of the thread of the room's message {@code thread}; {@code not_found} when the room has none such. */
    public HistoryPage thread(UserName reader, RoomName room, long thread, HistoryQuery query) {
        enter(reader, room);
        List<RoomEvent> events = store.thread(room, thread, query);
        if (events.isEmpty() && store.find(thread).filter(RoomEvent::isMessage)
                .filter(message -> message.room().equals(room)).isEmpty()) {
            throw new ChatException(ErrorCode.NOT_FOUND, "no message with id " + thread + " in room '" + room + "'");
        }
        return withReactions(events, reader);
    }

    private HistoryPage withReactions(List<RoomEvent> events, UserName reader) {
        List<Long> messages = events.stream().filter(event -> event.isMessage() && !event.retracted())
                .map(RoomEvent::id).toList();
        return new HistoryPage(events, store.reactions(messages, reader));
    }

    /** The room's live messages that mention the reader, a page chosen as for the history. */
    public List<RoomEvent> mentioning(UserName reader, RoomName room, HistoryQuery query) {
        enter(reader, room);
        return store.mentioning(reader, room, query);
    }

    /** The rooms a search looks in, at most: the user's newest memberships, and the lobby. */
    static final int MAX_SEARCHED_ROOMS = 2000;

    /**
     * The messages that match, of the rooms the reader may read: the lobby, the public rooms it is a member of,
     * its private rooms and direct messages (the newest {@value #MAX_SEARCHED_ROOMS} memberships), never a room it
     * is banned from. A query limited to one room needs entry to it, as its history does.
     */
    public SearchResults search(UserName reader, SearchQuery query, MessageSearch engine) {
        Set<RoomName> readable = new LinkedHashSet<>();
        if (query.room() != null) {
            enter(reader, query.room());
            readable.add(query.room());
        } else {
            readable.add(RoomName.LOBBY);
            readable.addAll(access.memberRooms(reader, MAX_SEARCHED_ROOMS));
        }
        SearchResults found = engine.find(query, readable);
        Map<RoomName, Boolean> banned = new HashMap<>();
        List<SearchHit> allowed = found.hits().stream().filter(hit -> !banned.computeIfAbsent(hit.room(),
                room -> moderation.ban(reader, room).isPresent())).toList();
        return new SearchResults(allowed, found.more());
    }

    public List<UserName> present(UserName asker, RoomName room) {
        enter(asker, room);
        return rooms.loaded(room).map(Room::present).orElse(List.of()); // nobody is in a room not loaded
    }

    /** The user's conversations, newest activity first, as the HTTP API answers them. */
    public JsonObject conversations(UserName user, int limit) {
        ConversationList.Page page = conversations.of(user, limit);
        return listFrames.conversations(page.conversations(), page.more());
    }
}
