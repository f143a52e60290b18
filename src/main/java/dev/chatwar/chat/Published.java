package dev.chatwar.chat;

import dev.chatwar.history.RoomEvent;

/**
 * A message, edit or retraction that is stored and on its way to the room's members.
 *
 * @param duplicate the event was stored by an earlier request with the same client id, and was not sent again
 */
public record Published(RoomEvent event, boolean duplicate) {
}
