package dev.chatwar.room;

import dev.chatwar.base.RoomName;
import dev.chatwar.base.UserName;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

/** Where rooms' members are kept: of private rooms (who may enter) and of the others (whose conversations they are). */
public interface RoomDirectory {

    /** Creates a private room with its owner as the first member; false when the name is taken. */
    boolean createPrivate(RoomName room, UserName owner, Instant at);

    boolean isPrivate(RoomName room);

    boolean isMember(RoomName room, UserName user);

    /** Whether an account of that name exists: only those can be invited. */
    boolean userExists(UserName user);

    /** Adds a member to a private room; false when the user was one already. */
    boolean addMember(RoomName room, UserName user, Instant at);

    /**
     * Makes the user a member of a public or direct-message room; false when it was one already. A user may be a
     * member of at most {@code maxPublic} public rooms: one more is refused with {@code too_many_rooms}.
     */
    boolean join(RoomName room, UserName user, Instant at, int maxPublic);

    /** Whether the user has a membership of the public or direct-message room. */
    boolean hasMembership(RoomName room, UserName user);

    /** Ends the user's membership of the room (of a private room: its access too); false when it had none. */
    boolean leave(RoomName room, UserName user);

    /** The rooms the user is a member of, public, private and direct, newest membership first, at most {@code max}. */
    List<RoomName> roomsOf(UserName user, int max);

    /** Of the users whose name keys are given, those who are members of the room, as registered. */
    List<UserName> membersNamed(RoomName room, Collection<String> keys);

    /** Of the users whose name keys are given, those who exist, as registered. */
    List<UserName> usersNamed(Collection<String> keys);
}
