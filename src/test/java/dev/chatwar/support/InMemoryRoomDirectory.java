package dev.chatwar.support;

import dev.chatwar.base.ChatException;
import dev.chatwar.base.ErrorCode;
import dev.chatwar.base.RoomName;
import dev.chatwar.base.UserName;
import dev.chatwar.room.RoomDirectory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Rooms' members in memory for unit tests; every user exists except those named "nobody…". */
public final class InMemoryRoomDirectory implements RoomDirectory {

    private final Map<RoomName, Set<UserName>> privateMembers = new HashMap<>();
    private final Map<RoomName, Set<UserName>> members = new HashMap<>();
    private final Set<UserName> named = new LinkedHashSet<>();

    /** Users that {@link #usersNamed} and {@link #membersNamed} can find by name. */
    public synchronized InMemoryRoomDirectory withUsers(String... users) {
        for (String user : users) {
            named.add(new UserName(user));
        }
        return this;
    }

    @Override
    public synchronized boolean createPrivate(RoomName room, UserName owner, Instant at) {
        if (privateMembers.containsKey(room)) {
            return false;
        }
        privateMembers.put(room, new HashSet<>(Set.of(owner)));
        return true;
    }

    @Override
    public synchronized boolean isPrivate(RoomName room) {
        return privateMembers.containsKey(room);
    }

    @Override
    public synchronized boolean isMember(RoomName room, UserName user) {
        return privateMembers.getOrDefault(room, Set.of()).contains(user);
    }

    @Override
    public boolean userExists(UserName user) {
        return !user.value().startsWith("nobody");
    }

    @Override
    public synchronized boolean addMember(RoomName room, UserName user, Instant at) {
        return privateMembers.get(room).add(user);
    }

    @Override
    public synchronized boolean join(RoomName room, UserName user, Instant at, int maxPublic) {
        Set<UserName> roomMembers = members.computeIfAbsent(room, none -> new LinkedHashSet<>());
        if (roomMembers.contains(user)) {
            return false;
        }
        if (!room.isDirect() && members.entrySet().stream()
                .filter(entry -> !entry.getKey().isDirect() && entry.getValue().contains(user)).count() >= maxPublic) {
            throw new ChatException(ErrorCode.TOO_MANY_ROOMS, "too many rooms");
        }
        return roomMembers.add(user);
    }

    @Override
    public synchronized boolean hasMembership(RoomName room, UserName user) {
        return members.getOrDefault(room, Set.of()).contains(user);
    }

    @Override
    public synchronized boolean leave(RoomName room, UserName user) {
        return (isPrivate(room) ? privateMembers : members).getOrDefault(room, new HashSet<>()).remove(user);
    }

    @Override
    public synchronized List<RoomName> roomsOf(UserName user, int max) {
        List<RoomName> rooms = new ArrayList<>();
        for (Map<RoomName, Set<UserName>> kind : List.of(members, privateMembers)) {
            kind.forEach((room, users) -> {
                if (users.contains(user) && rooms.size() < max) {
                    rooms.add(room);
                }
            });
        }
        return rooms;
    }

    @Override
    public synchronized List<UserName> membersNamed(RoomName room, Collection<String> keys) {
        Set<UserName> roomMembers = (isPrivate(room) ? privateMembers : members).getOrDefault(room, Set.of());
        return roomMembers.stream().filter(user -> keys.contains(user.key())).toList();
    }

    @Override
    public synchronized List<UserName> usersNamed(Collection<String> keys) {
        return named.stream().filter(user -> keys.contains(user.key())).toList();
    }
}
