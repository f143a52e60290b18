package dev.chatwar.support;

import dev.chatwar.base.ChatException;
import dev.chatwar.base.ErrorCode;
import dev.chatwar.base.UserName;
import dev.chatwar.history.Append;
import dev.chatwar.history.ReactionCount;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The reactions on each message, for {@link InMemoryEventStore}: the same rules as the JPA store's. */
final class InMemoryReactions {

    // per message, per emoji in the order first used, who chose it
    private final Map<Long, Map<String, Set<UserName>>> byMessage = new HashMap<>();

    /** Applies the change; returns the message's count of the emoji after it. */
    int change(Append.Reaction reaction) {
        Map<String, Set<UserName>> emoji = byMessage.computeIfAbsent(reaction.messageId(), id -> new LinkedHashMap<>());
        Set<UserName> users = emoji.getOrDefault(reaction.emoji(), Set.of());
        if (reaction.added() == users.contains(reaction.author())) {
            throw new ChatException(ErrorCode.NO_CHANGE, "no change");
        }
        if (reaction.added()) {
            if (!emoji.containsKey(reaction.emoji()) && emoji.size() >= ReactionCount.MAX_PER_MESSAGE) {
                throw new ChatException(ErrorCode.TOO_MANY_REACTIONS, "too many reactions");
            }
            emoji.computeIfAbsent(reaction.emoji(), e -> new LinkedHashSet<>()).add(reaction.author());
            return emoji.get(reaction.emoji()).size();
        }
        users = emoji.get(reaction.emoji());
        users.remove(reaction.author());
        if (users.isEmpty()) {
            emoji.remove(reaction.emoji());
        }
        return users.size();
    }

    void forget(long messageId) {
        byMessage.remove(messageId);
    }

    Map<Long, List<ReactionCount>> counts(Collection<Long> messageIds, UserName reader) {
        Map<Long, List<ReactionCount>> counts = new HashMap<>();
        for (long id : messageIds) {
            List<ReactionCount> list = new ArrayList<>();
            byMessage.getOrDefault(id, Map.of()).forEach((emoji, users) ->
                    list.add(new ReactionCount(emoji, users.size(), users.contains(reader))));
            if (!list.isEmpty()) {
                counts.put(id, List.copyOf(list));
            }
        }
        return counts;
    }
}
