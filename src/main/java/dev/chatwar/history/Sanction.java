package dev.chatwar.history;

import dev.chatwar.base.UserName;
import java.time.Instant;

/** A ban or a mute in force in a room: on whom, by whom, since when, until when (null: until lifted), and why. */
public record Sanction(UserName user, UserName by, Instant at, Instant until, String reason) {

    public boolean inForce(Instant now) {
        return until == null || until.isAfter(now);
    }
}
