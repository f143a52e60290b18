package dev.chatwar.history;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/** A row of the reaction table (db/migration/V13__replies_and_reactions.sql): a user's emoji on a live message. */
@Entity
@Table(name = "reaction")
@IdClass(StoredReaction.Key.class)
@NamedQuery(name = StoredReaction.EMOJI_OF, query = "select distinct r.emoji from StoredReaction r"
        + " where r.messageId = :messageId")
@NamedQuery(name = StoredReaction.COUNT, query = "select count(r) from StoredReaction r"
        + " where r.messageId = :messageId and r.emoji = :emoji")
@NamedQuery(name = StoredReaction.COUNTS, query = "select r.messageId, r.emoji, count(r), min(r.reactedAt)"
        + " from StoredReaction r where r.messageId in :messageIds group by r.messageId, r.emoji")
@NamedQuery(name = StoredReaction.READERS, query = "select r.messageId, r.emoji from StoredReaction r"
        + " where r.messageId in :messageIds and r.user = :user")
@NamedQuery(name = StoredReaction.DELETE_OF, query = "delete from StoredReaction r where r.messageId = :messageId")
public class StoredReaction {

    static final String EMOJI_OF = "StoredReaction.emojiOf";
    static final String COUNT = "StoredReaction.count";
    static final String COUNTS = "StoredReaction.counts";
    static final String READERS = "StoredReaction.readers";
    static final String DELETE_OF = "StoredReaction.deleteOf";

    @Id
    @Column(name = "message_id")
    private long messageId;

    @Id
    @Column(name = "username")
    private String user;

    @Id
    private String emoji;

    @Column(name = "reacted_at", nullable = false)
    @Convert(converter = UtcOffsetInstantConverter.class)
    private Instant reactedAt;

    protected StoredReaction() {
    }

    StoredReaction(long messageId, String user, String emoji, Instant reactedAt) {
        this.messageId = messageId;
        this.user = user;
        this.emoji = emoji;
        this.reactedAt = reactedAt;
    }

    public static class Key implements Serializable {

        private long messageId;
        private String user;
        private String emoji;

        public Key() {
        }

        Key(long messageId, String user, String emoji) {
            this.messageId = messageId;
            this.user = user;
            this.emoji = emoji;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && messageId == key.messageId && Objects.equals(user, key.user)
                    && Objects.equals(emoji, key.emoji);
        }

        @Override
        public int hashCode() {
            return Objects.hash(messageId, user, emoji);
        }
    }
}
