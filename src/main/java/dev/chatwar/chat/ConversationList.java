package dev.chatwar.chat;

import dev.chatwar.base.RoomName;
import dev.chatwar.base.UserName;
import dev.chatwar.history.Conversation;
import dev.chatwar.history.EventStore;
import dev.chatwar.history.RoomEvent;
import dev.chatwar.room.RoomAccess;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A user's conversations: the lobby, the rooms it is a member of, and its direct-message rooms that have a
 * message, newest activity first. The newest events of all of them take one query; the readings (unread and
 * mention counts, each bounded) are read for the returned page only.
 */
final class ConversationList {

    /** The most rooms of one user looked at; beyond that, the oldest memberships are left out. */
    static final int MAX_ROOMS = 2000;
    /** Unread messages and mentions are counted up to this in a list, so that a list costs at most that per room. */
    static final int MAX_LISTED_UNREAD = 100;

    /** A page of the list; {@code more}: it was cut at the limit. */
    record Page(List<Conversation> conversations, boolean more) {
    }

    private final EventStore store;
    private final RoomAccess access;

    ConversationList(EventStore store, RoomAccess access) {
        this.store = store;
        this.access = access;
    }

    Page of(UserName user, int limit) {
        List<RoomName> rooms = new ArrayList<>(access.memberRooms(user, MAX_ROOMS));
        rooms.remove(RoomName.LOBBY);
        rooms.add(RoomName.LOBBY);
        Map<RoomName, RoomEvent> last = new HashMap<>();
        store.lastEvents(rooms).forEach(event -> last.put(event.room(), event));
        List<RoomName> listed = rooms.stream()
                .filter(room -> !room.isDirect() || last.containsKey(room))
                .sorted(Comparator.comparingLong((RoomName room) -> last.containsKey(room) ? last.get(room).id() : 0)
                        .reversed().thenComparing(RoomName::value))
                .toList();
        List<Conversation> page = new ArrayList<>();
        for (RoomName room : listed.subList(0, Math.min(limit, listed.size()))) {
            page.add(new Conversation(room, kind(room), other(room, user), last.get(room), store.reading(user, room, MAX_LISTED_UNREAD)));
        }
        return new Page(page, listed.size() > limit);
    }

    private Conversation.Kind kind(RoomName room) {
        if (room.equals(RoomName.LOBBY)) {
            return Conversation.Kind.LOBBY;
        }
        if (room.isDirect()) {
            return Conversation.Kind.DIRECT;
        }
        return access.isPrivate(room) ? Conversation.Kind.PRIVATE : Conversation.Kind.PUBLIC;
    }

    private static UserName other(RoomName room, UserName user) {
        return room.directMembers().stream().filter(member -> !member.equals(user)).findFirst().orElse(null);
    }
}
