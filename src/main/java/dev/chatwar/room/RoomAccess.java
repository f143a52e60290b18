package dev.chatwar.room;

import dev.chatwar.base.ChatException;
import dev.chatwar.base.ErrorCode;
import dev.chatwar.base.RoomName;
import dev.chatwar.base.UserName;
import dev.chatwar.history.RoomEvent;
import java.time.Instant;
import java.util.Set;

/**
 * Who may do what where. Anyone signed in may enter a public room; only its two users a direct-message room;
 * only invited members a private room. Moderators may retract anyone's message.
 */
public final class RoomAccess {

    private final RoomDirectory directory;
    private final Set<UserName> moderators;

    public RoomAccess(RoomDirectory directory, Set<UserName> moderators) {
        this.directory = directory;
        this.moderators = Set.copyOf(moderators);
    }

    /**
     * Refuses with {@code not_a_member} a user who may not read or write the room, and with {@code not_found}
     * a direct-message room with a name nobody registered: whoever took that name later would read it.
     */
    public void requireEntry(UserName user, RoomName room) {
        if (!mayEnter(user, room)) {
            throw new ChatException(ErrorCode.NOT_A_MEMBER, "room '" + room + "' is private to its members");
        }
        if (room.isDirect()) {
            for (UserName member : room.directMembers()) {
                if (!member.equals(user) && !directory.userExists(member)) {
                    throw new ChatException(ErrorCode.NOT_FOUND, "no user named '" + member + "'");
                }
            }
        }
    }

    public boolean mayEnter(UserName user, RoomName room) {
        if (room.equals(RoomName.LOBBY)) {
            return true;
        }
        return room.isDirect() ? room.directMembers().contains(user)
                : !directory.isPrivate(room) || directory.isMember(room, user);
    }

    /**
     * Makes a new room private, owned by the user. Only a room that nobody has used yet can be made private:
     * the caller holds the room's monitor and says whether the room is untouched.
     */
    public void createPrivate(UserName owner, RoomName room, boolean untouched, Instant at) {
        if (room.isDirect()) {
            throw new ChatException(ErrorCode.INVALID_FIELD, "a direct-message room is private already");
        }
        if (room.equals(RoomName.LOBBY)) {
            throw new ChatException(ErrorCode.ROOM_EXISTS, "the lobby is public");
        }
        if (directory.isPrivate(room)) {
            requireEntry(owner, room);
            return;
        }
        if (!untouched || !directory.createPrivate(room, owner, at)) {
            throw new ChatException(ErrorCode.ROOM_EXISTS, "room '" + room + "' exists and is public");
        }
    }

    /** A member of a private room lets another user in. */
    public void invite(UserName inviter, RoomName room, UserName invitee, Instant at) {
        if (room.isDirect() || !directory.isPrivate(room)) {
            throw new ChatException(ErrorCode.INVALID_FIELD, "only private rooms take invitations");
        }
        requireEntry(inviter, room);
        if (!directory.userExists(invitee)) {
            throw new ChatException(ErrorCode.NOT_FOUND, "no user named '" + invitee + "'");
        }
        directory.addMember(room, invitee, at);
    }

    public boolean mayRetract(UserName user, RoomEvent message) {
        return message.author().equals(user) || moderators.contains(user);
    }
}
