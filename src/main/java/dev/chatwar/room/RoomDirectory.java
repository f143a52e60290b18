package dev.chatwar.room;

import dev.chatwar.base.RoomName;
import dev.chatwar.base.UserName;
import java.time.Instant;

/** Where private rooms and their members are kept. */
public interface RoomDirectory {

    /** Creates a private room with its owner as the first member; false when the name is taken. */
    boolean createPrivate(RoomName room, UserName owner, Instant at);

    boolean isPrivate(RoomName room);

    boolean isMember(RoomName room, UserName user);

    /** Whether an account of that name exists: only those can be invited. */
    boolean userExists(UserName user);

    /** Adds a member to a private room; false when the user was one already. */
    boolean addMember(RoomName room, UserName user, Instant at);
}
