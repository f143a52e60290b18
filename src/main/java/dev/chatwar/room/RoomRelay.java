package dev.chatwar.room;

import dev.chatwar.base.RoomName;
import dev.chatwar.base.UserName;

/** Where the room passes on what the other nodes' members must see too; called under the room's monitor. */
public interface RoomRelay {
    RoomRelay NONE = new RoomRelay() {
    };

    /** A user's first connection on this node joined the room, or its last one here left. */
    default void presence(RoomName room, UserName user, boolean present) {
    }

    default void typing(RoomName room, UserName user) {
    }

    /** A member marked all up to {@code seq} as read. */
    default void receipt(RoomName room, UserName user, long seq) {
    }
}
