package dev.chatwar.room;

import dev.chatwar.base.ChatException;
import dev.chatwar.base.ErrorCode;
import dev.chatwar.base.RoomName;
import dev.chatwar.base.UserName;
import dev.chatwar.base.Mentions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Who may do what where. Anyone signed in may enter a public room; only its two users a direct-message room;
 * only invited members a private room.
 */
public final class RoomAccess {

    /** The most public rooms one user may be a member of; direct and private rooms do not count. */
    public static final int MAX_PUBLIC_MEMBERSHIPS = 1000;

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

    /** The server's moderators (system property {@code chat.moderators}), who may act in any room. */
    public Set<UserName> serverModerators() {
        return moderators;
    }

    /** Whether the user is a member of the room now: of a private room, let in; of another, joined and not left. */
    public boolean isMember(UserName user, RoomName room) {
        if (room.equals(RoomName.LOBBY)) {
            return true;
        }
        return !room.isDirect() && directory.isPrivate(room) ? directory.isMember(room, user)
                : directory.hasMembership(room, user);
    }

    /** The user of that name in any case, as registered, if one exists. */
    public Optional<UserName> registered(UserName name) {
        return directory.usersNamed(List.of(name.key())).stream().findFirst();
    }

    /**
     * Makes a user who may enter the room its member, until it leaves; true when it was not one before. The lobby
     * is everyone's, and a private room's members are those let in.
     */
    public boolean becomeMember(UserName user, RoomName room, Instant at) {
        if (room.equals(RoomName.LOBBY) || (!room.isDirect() && directory.isPrivate(room))) {
            return false;
        }
        return join(room, user, at);
    }

    // two connections of a user joining at once both find no row, and the second insert breaks the key
    private boolean join(RoomName room, UserName user, Instant at) {
        try {
            return directory.join(room, user, at, MAX_PUBLIC_MEMBERSHIPS);
        } catch (ChatException refused) {
            throw refused;
        } catch (Exception failed) { // the key's breach surfaces at commit, as an undeclared RollbackException
            if (directory.hasMembership(room, user)) {
                return false;
            }
            throw failed instanceof RuntimeException unchecked ? unchecked
                    : new IllegalStateException("could not make " + user + " a member of " + room, failed);
        }
    }

    /** A direct-message room that gets a message is in both its users' conversations again; returns those new to it. */
    public List<UserName> addDirectMembers(RoomName room, Instant at) {
        List<UserName> added = new ArrayList<>(2);
        for (UserName member : room.directMembers()) {
            if (join(room, member, at)) {
                added.add(member);
            }
        }
        return added;
    }

    /** Ends the user's membership (of a private room, its access); false for the lobby and for a non-member. */
    public boolean endMembership(UserName user, RoomName room) {
        return !room.equals(RoomName.LOBBY) && directory.leave(room, user);
    }

    /** The rooms the user is a member of, the lobby not included, at most {@code max}, newest membership first. */
    public List<RoomName> memberRooms(UserName user, int max) {
        return directory.roomsOf(user, max);
    }

    public boolean isPrivate(RoomName room) {
        return !room.isDirect() && !room.equals(RoomName.LOBBY) && directory.isPrivate(room);
    }

    /** The members of the room, other than the author, whom the text mentions by {@code @name}, as registered. */
    public List<UserName> mentioned(UserName author, RoomName room, String text) {
        Set<String> keys = Mentions.candidates(text);
        keys.remove(author.key());
        if (keys.isEmpty()) {
            return List.of();
        }
        if (room.isDirect()) {
            return room.directMembers().stream().filter(member -> keys.contains(member.key())).toList();
        }
        return room.equals(RoomName.LOBBY) ? directory.usersNamed(keys) : directory.membersNamed(room, keys);
    }
}
