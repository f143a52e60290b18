package dev.chatwar.protocol;

import dev.chatwar.base.RoomName;
import dev.chatwar.base.UserName;
import dev.chatwar.history.RoomRules;
import dev.chatwar.history.Sanction;
import dev.chatwar.identity.ServerBan;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.spi.JsonProvider;
import java.time.Instant;
import java.util.List;

/** The HTTP answers about moderation: who runs a room and whom it sanctions, and the server's bans. */
public final class ModerationFrames {

    private static final JsonProvider JSON = JsonProvider.provider();

    /** The most bans, and the most mutes, a room's answer lists: the newest of them. */
    public static final int MAX_LISTED = 1000;

    /** The room's owner and moderators (sorted by name), and its bans and mutes in force, oldest first. */
    public JsonObject rules(RoomName room, RoomRules rules, Instant now) {
        JsonArrayBuilder moderators = JSON.createArrayBuilder();
        rules.moderators().stream().map(UserName::value).sorted().forEach(moderators::add);
        JsonObjectBuilder json = JSON.createObjectBuilder().add("room", room.value());
        if (rules.owner() == null) {
            json.addNull("owner");
        } else {
            json.add("owner", rules.owner().value());
        }
        return json.add("moderators", moderators)
                .add("bans", sanctions(rules.bansInForce(now)))
                .add("mutes", sanctions(rules.mutesInForce(now)))
                .build();
    }

    private static JsonArrayBuilder sanctions(List<Sanction> sanctions) {
        JsonArrayBuilder list = JSON.createArrayBuilder();
        sanctions.subList(Math.max(0, sanctions.size() - MAX_LISTED), sanctions.size()).forEach(sanction -> list.add(sanction(sanction.user(), sanction.by(), sanction.at(), sanction.until(),
                sanction.reason())));
        return list;
    }

    /** One ban of the server's. */
    public JsonObject serverBan(ServerBan ban) {
        return sanction(ban.user(), ban.by(), ban.at(), ban.until(), ban.reason()).build();
    }

    /** The server's bans in force, newest first. */
    public JsonObject serverBans(List<ServerBan> bans) {
        JsonArrayBuilder list = JSON.createArrayBuilder();
        bans.forEach(ban -> list.add(serverBan(ban)));
        return JSON.createObjectBuilder().add("bans", list).build();
    }

    private static JsonObjectBuilder sanction(UserName user, UserName by, Instant at, Instant until, String reason) {
        JsonObjectBuilder json = JSON.createObjectBuilder().add("user", user.value()).add("by", by.value())
                .add("since", at.toString());
        if (until == null) {
            json.addNull("until");
        } else {
            json.add("until", until.toString());
        }
        if (reason == null) {
            json.addNull("reason");
        } else {
            json.add("reason", reason);
        }
        return json;
    }
}
