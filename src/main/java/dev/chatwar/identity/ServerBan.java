package dev.chatwar.identity;

import dev.chatwar.base.UserName;
import java.time.Instant;

/** A user banned from the whole server: by which server moderator, since when, until when (null: until lifted), why. */
public record ServerBan(UserName user, UserName by, Instant at, Instant until, String reason) {

    public boolean inForce(Instant now) {
        return until == null || until.isAfter(now);
    }
}
