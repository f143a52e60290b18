package dev.chatwar.history;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.Objects;

/** A row of the mention table (db/migration/V10__conversations.sql): the message at seq in room mentions the user. */
@Entity
@Table(name = "mention")
@IdClass(Mention.Key.class)
@NamedQuery(name = Mention.UNREAD, query = "select m.seq from Mention m, StoredEvent e where m.user = :user"
        + " and m.room = :room and m.seq > :seq and e.room = m.room and e.seq = m.seq and e.retracted = false")
public class Mention {

    static final String UNREAD = "Mention.unread";

    @Id
    @Column(name = "username")
    private String user;

    @Id
    private String room;

    @Id
    private long seq;

    protected Mention() {
    }

    Mention(String user, String room, long seq) {
        this.user = user;
        this.room = room;
        this.seq = seq;
    }

    public static class Key implements Serializable {

        private String user;
        private String room;
        private long seq;

        public Key() {
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && Objects.equals(user, key.user) && Objects.equals(room, key.room)
                    && seq == key.seq;
        }

        @Override
        public int hashCode() {
            return Objects.hash(user, room, seq);
        }
    }
}
