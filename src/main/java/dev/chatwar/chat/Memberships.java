package dev.chatwar.chat;

import dev.chatwar.base.RoomName;
import dev.chatwar.base.UserName;
import dev.chatwar.cluster.Cluster;
import dev.chatwar.cluster.ClusterMessage;
import dev.chatwar.connection.Connection;
import dev.chatwar.history.ModeratorAct;
import dev.chatwar.history.RoomEvent;
import dev.chatwar.moderation.Moderation;
import dev.chatwar.protocol.Frames;
import dev.chatwar.room.RoomAccess;
import dev.chatwar.room.Rooms;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A user's memberships: joining a room makes the user its member, leaving ends that on every connection of the
 * user, on every node. The lobby is everyone's; a private room's members are those let in.
 */
final class Memberships {

    private final RoomAccess access;
    private final Rooms rooms;
    private final Activity activity;
    private final Cluster cluster;
    private final Frames frames;
    private final Moderation moderation;
    private final Consumer<Set<Connection>> drop;
    private final Supplier<Instant> now;

    Memberships(RoomAccess access, Rooms rooms, Activity activity, Cluster cluster, Frames frames,
                Moderation moderation, Consumer<Set<Connection>> drop, Supplier<Instant> now) {
        this.moderation = moderation;
        this.access = access;
        this.rooms = rooms;
        this.activity = activity;
        this.cluster = cluster;
        this.frames = frames;
        this.drop = drop;
        this.now = now;
    }

    /**
     * Before a join: the user, if it may enter and is not banned, becomes a member (refused beyond the most rooms
     * a user may have); the first member of a public room owns it.
     */
    void joining(UserName user, RoomName room) {
        if (room.equals(RoomName.LOBBY) || activity.knowsMember(user, room)) {
            return;
        }
        access.requireEntry(user, room);
        moderation.requireNotBanned(user, room);
        if (access.becomeMember(user, room, now.get())) {
            moderation.claim(room, user);
            became(room, user);
        }
    }

    /**
     * A kick or a ban, stored on this node or another, and delivered to the room here: the target is no longer a
     * member, and its connections on this node leave the room, told why. The store ended the membership.
     */
    void removed(RoomEvent event) {
        UserName target = event.act().target();
        activity.member(event.room(), target, false);
        leaveHere(event.room(), target, null, event.act().action() == ModeratorAct.Action.BAN ? "banned" : "kicked");
    }

    /** The user made the room private, or was let into it. */
    void became(RoomName room, UserName user) {
        activity.member(room, user, true);
        cluster.tell(new ClusterMessage.Membership(room, user, true));
    }

    /**
     * The user leaves the room: its membership ends (of a private room, its access), and every connection of the
     * user leaves it; the others are told with a {@code left} without a ref, on every node.
     */
    void leave(Connection connection, RoomName name, String ref) {
        UserName user = connection.user();
        access.requireEntry(user, name);
        boolean ended = access.endMembership(user, name);
        if (ended) {
            // a join that checked access before the end now checks it again; one already in is taken out below
            rooms.loaded(name).ifPresent(room -> room.locked(() -> {
                room.accessChanged();
                return null;
            }));
        }
        leaveHere(name, user, connection, null);
        activity.member(name, user, false);
        if (ended) { // a leave of a room the user was no member of costs the other nodes nothing
            cluster.tell(new ClusterMessage.Membership(name, user, false));
        }
        connection.send(frames.left(name, ref));
    }

    /** Another node said the user became a member of the room, or left it. */
    void changedElsewhere(ClusterMessage.Membership membership) {
        activity.member(membership.room(), membership.user(), membership.member());
        if (!membership.member()) {
            leaveHere(membership.room(), membership.user(), null, null);
        }
    }

    // the user's connections on this node leave the room; each but the asking one is told, with the reason if any
    private void leaveHere(RoomName name, UserName user, Connection asking, String reason) {
        Set<Connection> in = new HashSet<>(activity.connectionsOf(user));
        if (asking != null) {
            in.add(asking);
        }
        for (Connection connection : in) {
            if (connection.rooms().remove(name)) {
                rooms.loaded(name).ifPresent(room -> drop.accept(room.leave(connection)));
                if (connection != asking && !connection.send(frames.left(name, null, reason))) {
                    drop.accept(Set.of(connection));
                }
            }
        }
    }
}
