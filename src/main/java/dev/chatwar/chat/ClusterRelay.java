package dev.chatwar.chat;

import dev.chatwar.base.Timings;
import dev.chatwar.base.RoomName;
import dev.chatwar.base.UserName;
import dev.chatwar.cluster.Cluster;
import dev.chatwar.cluster.ClusterMessage;
import dev.chatwar.cluster.NodeRoster;
import dev.chatwar.room.Room;
import dev.chatwar.room.RoomRelay;
import dev.chatwar.room.Rooms;
import java.time.Clock;
import java.util.Set;
import java.util.logging.Logger;

/** What this node and the others tell each other: presence, typing, receipts, stored events, who is alive. */
final class ClusterRelay implements RoomRelay {

    private static final Logger LOG = Logger.getLogger(ClusterRelay.class.getName());

    private volatile Timings timings = Timings.NONE;
    private final Chat chat;
    private final Cluster cluster;
    private final NodeRoster peers;
    private final Clock clock;
    private Rooms rooms;
    private RoomEvents events;
    private Memberships memberships;

    ClusterRelay(Chat chat, Cluster cluster, long peerTimeoutMillis, Clock clock) {
        this.chat = chat;
        this.cluster = cluster;
        this.peers = new NodeRoster(peerTimeoutMillis);
        this.clock = clock;
    }

    /** The rooms it relays for, which need it as their relay when they are made. */
    void relayFor(Rooms rooms, RoomEvents events, Memberships memberships) {
        this.rooms = rooms;
        this.events = events;
        this.memberships = memberships;
    }

    @Override
    public void presence(RoomName room, UserName user, boolean present) {
        cluster.tell(new ClusterMessage.Presence(room, user, present));
    }

    @Override
    public void typing(RoomName room, UserName user) {
        cluster.tell(new ClusterMessage.Typing(room, user));
    }

    @Override
    public void receipt(RoomName room, UserName user, long seq) {
        cluster.tell(new ClusterMessage.Receipt(room, user, seq));
    }

    void reportTo(Timings timings) {
        this.timings = timings;
    }

    /** Acts on what another node said. Messages of all nodes are handled one at a time, in arrival order. */
    void fromPeer(String node, ClusterMessage message) {
        if (peers.heard(node, clock.millis()) && !(message instanceof ClusterMessage.Hello)) {
            cluster.tell(new ClusterMessage.Hello()); // a node new to this one: ask who is where
        }
        if (message instanceof ClusterMessage.Stored stored) {
            if (stored.event().isMessage()) {
                timings.peerLag(clock.millis() - stored.event().sentAt().toEpochMilli());
            }
            events.storedElsewhere(stored.event());
        } else if (message instanceof ClusterMessage.Presence presence) {
            if (presence.present()) {
                chat.drop(rooms.live(presence.room(), room -> room.presentElsewhere(node, presence.user(), true)));
            } else {
                rooms.loaded(presence.room()).ifPresent(room -> chat.drop(room.presentElsewhere(node, presence.user(), false)));
            }
        } else if (message instanceof ClusterMessage.Typing typing) {
            rooms.loaded(typing.room()).ifPresent(room -> chat.drop(room.typingElsewhere(typing.user())));
        } else if (message instanceof ClusterMessage.Receipt receipt) {
            rooms.loaded(receipt.room()).ifPresent(room -> chat.drop(room.readElsewhere(receipt.user(), receipt.seq())));
        } else if (message instanceof ClusterMessage.RoomPresence roomPresence) {
            chat.drop(rooms.live(roomPresence.room(), room -> room.presentOn(node, roomPresence.users())));
        } else if (message instanceof ClusterMessage.Hello) {
            for (Room room : rooms.all()) {
                room.announceLocal(users -> cluster.tell(new ClusterMessage.RoomPresence(room.name(), users)));
            }
        } else if (message instanceof ClusterMessage.Invitation invitation) {
            chat.tellInvited(invitation.room(), invitation.user(), invitation.by());
        } else if (message instanceof ClusterMessage.Membership membership) {
            memberships.changedElsewhere(membership);
        } else if (message instanceof ClusterMessage.SessionEnded ended) {
            chat.closeSession(ended.sessionId(), "signed out");
        }
    }

    /**
     * Tells the other nodes this one is alive, and forgets those silent too long: their users are no longer
     * present, and events they stored but may not have announced are read from the store.
     */
    void heartbeat() {
        cluster.tell(new ClusterMessage.Heartbeat());
        for (String dead : peers.expire(clock.millis())) {
            LOG.warning("node " + dead + " went silent; its users are no longer present here");
            for (Room room : rooms.all()) {
                chat.drop(room.presentOn(dead, Set.of()));
                if (room.hasMembers()) {
                    events.catchUpLater(room);
                }
            }
        }
    }

    /** The other nodes this one heard from lately. */
    int peerCount() {
        return peers.size();
    }
}
