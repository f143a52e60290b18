package dev.chatwar.support;

import dev.chatwar.base.RoomName;
import dev.chatwar.base.UserName;
import dev.chatwar.room.RoomDirectory;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** Private rooms in memory for unit tests; every user exists except those named "nobody…". */
public final class InMemoryRoomDirectory implements RoomDirectory {

    private final Map<RoomName, Set<UserName>> members = new HashMap<>();

    @Override
    public synchronized boolean createPrivate(RoomName room, UserName owner, Instant at) {
        if (members.containsKey(room)) {
            return false;
        }
        members.put(room, new HashSet<>(Set.of(owner)));
        return true;
    }

    @Override
    public synchronized boolean isPrivate(RoomName room) {
        return members.containsKey(room);
    }

    @Override
    public synchronized boolean isMember(RoomName room, UserName user) {
        return members.getOrDefault(room, Set.of()).contains(user);
    }

    @Override
    public boolean userExists(UserName user) {
        return !user.value().startsWith("nobody");
    }

    @Override
    public synchronized boolean addMember(RoomName room, UserName user, Instant at) {
        return members.get(room).add(user);
    }
}
