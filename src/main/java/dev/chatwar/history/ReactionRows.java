package dev.chatwar.history;

import dev.chatwar.base.ChatException;
import dev.chatwar.base.ErrorCode;
import jakarta.persistence.EntityManager;
import java.util.List;

/**
 * A reaction's change to the reaction table, in the transaction that stores its event: one of each emoji per user
 * and message, at most {@link ReactionCount#MAX_PER_MESSAGE} different ones on a message.
 */
final class ReactionRows {

    private final EntityManager em;

    ReactionRows(EntityManager em) {
        this.em = em;
    }

    /** Puts the emoji on or takes it off; returns the message's count of it after. */
    int apply(Append.Reaction reaction) {
        em.flush(); // the counts below include this batch's earlier reactions
        var key = new StoredReaction.Key(reaction.messageId(), reaction.author().value(), reaction.emoji());
        StoredReaction mine = em.find(StoredReaction.class, key);
        if (reaction.added() == (mine != null)) {
            throw new ChatException(ErrorCode.NO_CHANGE, reaction.added() ? "you reacted with that emoji already"
                    : "you have not reacted with that emoji");
        }
        if (reaction.added()) {
            List<String> emoji = em.createNamedQuery(StoredReaction.EMOJI_OF, String.class)
                    .setParameter("messageId", reaction.messageId())
                    .getResultList();
            if (!emoji.contains(reaction.emoji()) && emoji.size() >= ReactionCount.MAX_PER_MESSAGE) {
                throw new ChatException(ErrorCode.TOO_MANY_REACTIONS, "a message carries at most "
                        + ReactionCount.MAX_PER_MESSAGE + " different emoji");
            }
            em.persist(new StoredReaction(reaction.messageId(), reaction.author().value(), reaction.emoji(),
                    reaction.sentAt()));
        } else {
            em.remove(mine);
        }
        em.flush();
        return em.createNamedQuery(StoredReaction.COUNT, Long.class)
                .setParameter("messageId", reaction.messageId())
                .setParameter("emoji", reaction.emoji())
                .getSingleResult()
                .intValue();
    }
}
