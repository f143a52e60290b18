package dev.chatwar.base;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/** The server's moderators: users who act in every room, and ban users from the whole server. */
public final class ServerModerators {

    /** System property: the moderators' names, separated by commas. */
    public static final String PROPERTY = "chat.moderators";

    private ServerModerators() {
    }

    public static Set<UserName> fromSystemProperty() {
        return Arrays.stream(System.getProperty(PROPERTY, "").split(","))
                .map(String::strip)
                .filter(UserName::isValid)
                .map(UserName::new)
                .collect(Collectors.toUnmodifiableSet());
    }
}
