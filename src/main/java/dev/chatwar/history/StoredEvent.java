package dev.chatwar.history;

import dev.chatwar.base.Mentions;
import dev.chatwar.base.MessageText;
import dev.chatwar.base.Preview;
import dev.chatwar.base.RoomName;
import dev.chatwar.base.UserName;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** The table row behind a {@link RoomEvent}; the table is made by db/migration/V1__room_events.sql. */
@Entity
@Table(name = "room_event")
@NamedQuery(name = StoredEvent.LAST_SEQ, query = "select max(e.seq) from StoredEvent e where e.room = :room")
@NamedQuery(name = StoredEvent.BY_CLIENT_ID,
        query = "select e from StoredEvent e where e.author = :author and e.clientId = :clientId")
@NamedQuery(name = StoredEvent.EDITS_OF,
        query = "select e from StoredEvent e where e.messageId = :messageId and e.kind = :kind")
@NamedQuery(name = StoredEvent.UNREAD, query = "select e.id from StoredEvent e where e.room = :room"
        + " and e.seq > :seq and e.kind = :kind and e.author <> :user and e.retracted = false")
@NamedQuery(name = StoredEvent.NEWEST, query = "select e from StoredEvent e where e.room = :room order by e.seq desc")
@NamedQuery(name = StoredEvent.BEFORE,
        query = "select e from StoredEvent e where e.room = :room and e.seq < :seq order by e.seq desc")
@NamedQuery(name = StoredEvent.LAST_EVENTS, query = "select e from StoredEvent e where e.room in :rooms"
        + " and e.seq = (select max(f.seq) from StoredEvent f where f.room = e.room)")
@NamedQuery(name = StoredEvent.AFTER,
        query = "select e from StoredEvent e where e.room = :room and e.seq > :seq order by e.seq")
@NamedQuery(name = StoredEvent.REPLIES_TO, query = "select e from StoredEvent e where e.replyTo = :messageId")
public class StoredEvent {

    static final String LAST_SEQ = "StoredEvent.lastSeq";
    static final String BY_CLIENT_ID = "StoredEvent.byClientId";
    static final String EDITS_OF = "StoredEvent.editsOf";
    static final String UNREAD = "StoredEvent.unread";
    static final String NEWEST = "StoredEvent.newest";
    static final String BEFORE = "StoredEvent.before";
    static final String AFTER = "StoredEvent.after";
    static final String LAST_EVENTS = "StoredEvent.lastEvents";
    static final String REPLIES_TO = "StoredEvent.repliesTo";
    /** Room of the mentions column: {@link Mentions#MAX} names and a space after each. */
    static final int MENTIONS_LENGTH = Mentions.MAX * (UserName.MAX_LENGTH + 1);

    @Id
    @SequenceGenerator(name = V5__EventIdSequence.SEQUENCE, sequenceName = V5__EventIdSequence.SEQUENCE,
            allocationSize = 1)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = V5__EventIdSequence.SEQUENCE)
    private Long id;

    @Column(nullable = false, length = RoomName.MAX_STORED_LENGTH)
    private String room;

    @Column(nullable = false)
    private long seq;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private RoomEvent.Kind kind;

    @Column(nullable = false, length = UserName.MAX_LENGTH)
    private String author;

    @Column(length = MessageText.MAX_LENGTH)
    private String text;

    private Long messageId;

    @Column(nullable = false)
    @Convert(converter = UtcOffsetInstantConverter.class)
    private Instant sentAt;

    private boolean retracted;

    private boolean edited;

    @Column(length = RoomEvent.MAX_CLIENT_ID_LENGTH)
    private String clientId;

    // the names a message mentions, separated by spaces (db/migration/V10__conversations.sql)
    @Column(length = MENTIONS_LENGTH)
    private String mentions;

    // a moderation event's act (db/migration/V11__moderation.sql); null on the others
    @Enumerated(EnumType.STRING)
    @Column(length = 16)
    private ModeratorAct.Action action;

    @Column(length = UserName.MAX_LENGTH)
    private String target;

    @Column(name = "until_at")
    @Convert(converter = UtcOffsetInstantConverter.class)
    private Instant until;

    // a reply's place (db/migration/V13__replies_and_reactions.sql); null on the others
    @Column(name = "reply_to")
    private Long replyTo;

    @Column(name = "thread_id")
    private Long threadId;

    @Column(name = "quote_author", length = UserName.MAX_LENGTH)
    private String quoteAuthor;

    @Column(name = "quote_text", length = Preview.LENGTH + 1)
    private String quote;

    // on a message with replies, how many; on a reply, how many its thread held once it was added
    private Integer replies;

    @Column(name = "last_reply_at")
    @Convert(converter = UtcOffsetInstantConverter.class)
    private Instant lastReplyAt;

    // a reaction event's change; its emoji is the text
    @Column(name = "reaction_added")
    private Boolean reactionAdded;

    @Column(name = "reaction_count")
    private Integer reactionCount;

    // a message's file, as it was when sent (db/migration/V14__files.sql)
    @Embedded
    private AttachmentColumns attachment;

    protected StoredEvent() {
    }

    void attach(Attachment file) {
        attachment = new AttachmentColumns(file);
    }

    /** The id of the file this message carries, if any. */
    String attachmentId() {
        Attachment file = AttachmentColumns.toAttachment(attachment);
        return file == null ? null : file.id();
    }

    StoredEvent(RoomName room, long seq, RoomEvent.Kind kind, UserName author, String text, Long messageId,
                Instant sentAt, String clientId, List<UserName> mentions, ModeratorAct act) {
        if (act != null) {
            this.action = act.action();
            this.target = act.target().value();
            this.until = act.until();
        }
        this.mentions = mentions.isEmpty() ? null
                : mentions.stream().map(UserName::value).collect(Collectors.joining(" "));
        this.room = room.value();
        this.seq = seq;
        this.kind = kind;
        this.author = author.value();
        this.text = text;
        this.messageId = messageId;
        this.sentAt = sentAt;
        this.clientId = clientId;
    }

    void retract() {
        retracted = true;
        text = null;
        attachment = null;
    }

    /** Makes this new message a reply to {@code parent}; returns the thread's message, one reply richer. */
    void answer(StoredEvent parent, StoredEvent threadRoot) {
        replyTo = parent.id;
        quoteAuthor = parent.author;
        quote = Preview.of(parent.text);
        threadId = threadRoot.id;
        replies = threadRoot.repliesAfter(sentAt);
    }

    private int repliesAfter(Instant replyAt) {
        replies = replies == null ? 1 : replies + 1;
        lastReplyAt = replyAt;
        return replies;
    }

    /** The thread this message belongs to: its own, unless it is a reply. */
    Long threadOf() {
        return threadId == null ? id : threadId;
    }

    void reacted(boolean added, int count) {
        reactionAdded = added;
        reactionCount = count;
    }

    /** The message this reply quotes is retracted: the quote goes with its text. */
    void forgetQuote() {
        quote = null;
    }

    void edit(String newText) {
        edited = true;
        text = newText;
    }

    /** An edit of a message that is then retracted keeps no text either. */
    void forgetText() {
        text = null;
    }

    long seq() {
        return seq;
    }

    Long id() {
        return id;
    }

    RoomEvent.Kind kind() {
        return kind;
    }

    boolean inRoom(RoomName other) {
        return room.equals(other.value());
    }

    boolean isRetracted() {
        return retracted;
    }

    RoomEvent toEvent() {
        return new RoomEvent(id, new RoomName(room), seq, kind, new UserName(author), text, messageId, sentAt,
                retracted, edited, clientId, mentions == null ? List.of()
                : Arrays.stream(mentions.split(" ")).map(UserName::new).toList(),
                action == null ? null : new ModeratorAct(action, new UserName(target), until),
                replyTo == null ? null : new Reply(replyTo, new UserName(quoteAuthor), quote, threadId, replies),
                replyTo == null && replies != null ? new ThreadSummary(replies, lastReplyAt) : null,
                reactionAdded == null ? null : new ReactionChange(text, reactionAdded, reactionCount),
                AttachmentColumns.toAttachment(attachment));
    }
}
