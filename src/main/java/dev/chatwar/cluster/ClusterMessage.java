package dev.chatwar.cluster;

import dev.chatwar.base.RoomName;
import dev.chatwar.base.UserName;
import dev.chatwar.history.RoomEvent;
import java.util.Set;

/** What one server node tells the others; each arrives with the id of the node that sent it. */
public sealed interface ClusterMessage {

    /** An event the sender stored and delivered to its own connections. */
    record Stored(RoomEvent event) implements ClusterMessage {
    }

    /** A user's first connection on the sender joined the room, or its last one there left. */
    record Presence(RoomName room, UserName user, boolean present) implements ClusterMessage {
    }

    record Typing(RoomName room, UserName user) implements ClusterMessage {
    }

    /** A user marked the room read up to {@code seq}. */
    record Receipt(RoomName room, UserName user, long seq) implements ClusterMessage {
    }

    /** Exactly these users have a connection in the room on the sender, now. */
    record RoomPresence(RoomName room, Set<UserName> users) implements ClusterMessage {
    }

    /** The sender knows nothing of the others yet: each answers with a {@link RoomPresence} per room it has users in. */
    record Hello() implements ClusterMessage {
    }

    /** The sender is alive; a node silent for longer than the node timeout is taken for dead. */
    record Heartbeat() implements ClusterMessage {
    }

    /** Pushed to the invited user's connections on every node. */
    record Invitation(RoomName room, UserName user, UserName by) implements ClusterMessage {
    }

    /** A signed-out session: its connections on every node are closed. */
    record SessionEnded(String sessionId) implements ClusterMessage {
    }

    /** The user became a member of the room, or left it: the nodes update their lists, and a leave takes the user's connections out. */
    record Membership(RoomName room, UserName user, boolean member) implements ClusterMessage {
    }
}
