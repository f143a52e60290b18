package dev.chatwar.history;

import dev.chatwar.base.ChatException;
import dev.chatwar.base.ErrorCode;
import dev.chatwar.base.RoomName;
import jakarta.persistence.EntityManager;
import jakarta.persistence.FlushModeType;
import jakarta.persistence.LockModeType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Appends of one transaction. Each room's head is known first: on a node alone, from what this process
 * committed before (the room's highest seq the first time); when nodes share the store, from the room's
 * {@code room_head} row, locked in name order so that two nodes storing into the same rooms cannot deadlock.
 * Lookups after that do not flush, so the inserts leave together at the end. An append refused by the rules
 * takes no seq, and the others are stored.
 */
final class AppendBatch {

    private final EntityManager em;
    private final StoreSharing sharing;
    private final Map<RoomName, Long> heads = new TreeMap<>(Comparator.comparing(RoomName::value));
    private final Map<RoomName, RoomHead> roomHeads = new HashMap<>();
    private final Map<String, StoredEvent> byClientId = new HashMap<>();
    private final Map<Long, List<StoredEvent>> newEdits = new HashMap<>();

    private final Set<RoomName> checkedHeads;
    private final Map<RoomName, Long> committedHeads;

    /**
     * @param checkedHeads   rooms whose head row this process has checked against the room's events, to add to
     * @param committedHeads on a node alone, each room's last seq as this process committed it
     */
    AppendBatch(EntityManager em, StoreSharing sharing, Set<RoomName> checkedHeads,
                Map<RoomName, Long> committedHeads) {
        this.em = em;
        this.sharing = sharing;
        this.checkedHeads = checkedHeads;
        this.committedHeads = committedHeads;
    }

    /** Each room's last seq once this batch is committed. */
    Map<RoomName, Long> heads() {
        return Map.copyOf(heads);
    }

    List<Appended> apply(List<Append> appends) {
        appends.forEach(append -> heads.put(append.room(), 0L));
        heads.replaceAll((room, none) -> head(room));
        List<Object> results = new ArrayList<>(appends.size());
        for (Append append : appends) {
            try {
                results.add(apply(append));
            } catch (ChatException refused) {
                results.add(new Appended.Refused(refused));
            }
        }
        em.flush();
        return results.stream()
                .map(result -> result instanceof StoredEvent stored ? new Appended.Stored(stored.toEvent())
                        : (Appended) result)
                .toList();
    }

    private Object apply(Append append) {
        if (append instanceof Append.Message message) {
            return message(message);
        }
        if (append instanceof Append.Edit edit) {
            return edit(edit);
        }
        if (append instanceof Append.Reaction reaction) {
            return reaction(reaction);
        }
        if (append instanceof Append.Moderation moderation) {
            new ModerationRows(em).apply(moderation);
            return persist(moderation, RoomEvent.Kind.MODERATION, moderation.reason(), null, null);
        }
        return retraction((Append.Retraction) append);
    }

    private long lastSeq(RoomName room) {
        Long last = em.createNamedQuery(StoredEvent.LAST_SEQ, Long.class)
                .setParameter("room", room.value())
                .getSingleResult();
        return last == null ? 0 : last;
    }

    // A row written by an older version (or by nodes before the store was used alone) may lag the events: the
    // first time this process meets a room, the row is raised to the room's highest seq.
    private long head(RoomName room) {
        if (sharing != StoreSharing.NODES) {
            Long committed = committedHeads.get(room);
            return committed != null ? committed : lastSeq(room);
        }
        RoomHead head = em.find(RoomHead.class, room.value(), LockModeType.PESSIMISTIC_WRITE);
        if (head == null) {
            // two nodes making the row at once: one fails on the primary key, and its writer tries again
            head = new RoomHead(room.value(), lastSeq(room));
            em.persist(head);
            em.flush();
        } else if (!checkedHeads.contains(room)) {
            head.raiseTo(lastSeq(room));
        }
        checkedHeads.add(room);
        roomHeads.put(room, head);
        return head.lastSeq();
    }

    private Object message(Append.Message message) {
        if (message.clientId() == null) {
            return newMessage(message);
        }
        String key = message.author().value() + '\n' + message.clientId();
        StoredEvent earlier = byClientId.get(key);
        if (earlier == null) {
            earlier = em.createNamedQuery(StoredEvent.BY_CLIENT_ID, StoredEvent.class)
                    .setParameter("author", message.author().value())
                    .setParameter("clientId", message.clientId())
                    .setFlushMode(FlushModeType.COMMIT)
                    .getResultStream()
                    .findFirst()
                    .orElse(null);
        }
        if (earlier != null) {
            return new Appended.Duplicate(earlier.toEvent());
        }
        StoredEvent event = newMessage(message);
        byClientId.put(key, event);
        return event;
    }

    private StoredEvent newMessage(Append.Message message) {
        StoredEvent parent = message.replyTo() == null ? null : liveMessage(message.replyTo(), message.room());
        StoredFile file = message.attachment() == null ? null : attachable(message);
        StoredEvent event = persist(message, RoomEvent.Kind.MESSAGE, message.text(), null, message.clientId());
        if (file != null) {
            file.attachTo(event.id());
            event.attach(file.describe().attachment());
        }
        if (parent != null) {
            Long thread = parent.threadOf();
            event.answer(parent, thread.equals(message.replyTo()) ? parent
                    : em.find(StoredEvent.class, thread, LockModeType.PESSIMISTIC_WRITE));
        }
        return mentioning(event, message);
    }

    // a file goes with one message: the row is locked so that two messages cannot both take it
    private StoredFile attachable(Append.Message message) {
        StoredFile file = em.find(StoredFile.class, message.attachment(), LockModeType.PESSIMISTIC_WRITE);
        if (file == null || !file.attachable(message.room().value(), message.author().value())) {
            throw new ChatException(ErrorCode.NOT_FOUND, "no file " + message.attachment()
                    + " of yours in this room waits to be sent");
        }
        return file;
    }

    // the message's row is locked first: reactions to one message are counted one at a time, on any node
    private Object reaction(Append.Reaction reaction) {
        liveMessage(reaction.messageId(), reaction.room());
        int count = new ReactionRows(em).apply(reaction);
        StoredEvent event = persist(reaction, RoomEvent.Kind.REACTION, reaction.emoji(), reaction.messageId(), null);
        event.reacted(reaction.added(), count);
        return event;
    }

    // a row per mentioned user, counted for unread mentions and found by the history's filter
    private StoredEvent mentioning(StoredEvent event, Append.Message message) {
        for (var user : message.mentions()) {
            em.persist(new Mention(user.value(), message.room().value(), event.seq()));
        }
        return event;
    }

    private Object edit(Append.Edit edit) {
        liveMessage(edit.messageId(), edit.room()).edit(edit.text());
        StoredEvent event = persist(edit, RoomEvent.Kind.EDIT, edit.text(), edit.messageId(), null);
        newEdits.computeIfAbsent(edit.messageId(), id -> new ArrayList<>()).add(event);
        return event;
    }

    private Object retraction(Append.Retraction retraction) {
        long messageId = retraction.messageId();
        StoredEvent message = liveMessage(messageId, retraction.room());
        String file = message.attachmentId();
        message.retract();
        if (file != null) { // its file goes with it, from every node at once
            Optional.ofNullable(em.find(StoredFileContent.class, file)).ifPresent(em::remove);
            Optional.ofNullable(em.find(StoredFile.class, file)).ifPresent(em::remove);
        }
        em.flush(); // this batch's reactions and replies to the message go too
        em.createNamedQuery(StoredReaction.DELETE_OF).setParameter("messageId", messageId).executeUpdate();
        em.createNamedQuery(StoredEvent.REPLIES_TO, StoredEvent.class)
                .setParameter("messageId", messageId)
                .getResultStream()
                .forEach(StoredEvent::forgetQuote);
        em.createNamedQuery(StoredEvent.EDITS_OF, StoredEvent.class)
                .setParameter("messageId", messageId)
                .setParameter("kind", RoomEvent.Kind.EDIT)
                .setFlushMode(FlushModeType.COMMIT)
                .getResultStream()
                .forEach(StoredEvent::forgetText);
        newEdits.getOrDefault(messageId, List.of()).forEach(StoredEvent::forgetText);
        return persist(retraction, RoomEvent.Kind.RETRACTION, null, messageId, null);
    }

    // a message of another room is not found: a client cannot reach into a room through an id
    private StoredEvent liveMessage(long messageId, RoomName room) {
        StoredEvent message = em.find(StoredEvent.class, messageId, LockModeType.PESSIMISTIC_WRITE);
        if (message == null || message.kind() != RoomEvent.Kind.MESSAGE || !message.inRoom(room)) {
            throw new ChatException(ErrorCode.NOT_FOUND, "no message with id " + messageId);
        }
        if (message.isRetracted()) {
            throw new ChatException(ErrorCode.ALREADY_RETRACTED, "message " + messageId + " is already retracted");
        }
        return message;
    }

    private StoredEvent persist(Append append, RoomEvent.Kind kind, String text, Long messageId, String clientId) {
        long seq = heads.merge(append.room(), 1L, Long::sum);
        RoomHead head = roomHeads.get(append.room());
        if (head != null) {
            head.take(seq);
        }
        StoredEvent event = new StoredEvent(append.room(), seq, kind, append.author(), text, messageId,
                append.sentAt(), clientId, append instanceof Append.Message message ? message.mentions() : List.of(),
                append instanceof Append.Moderation moderation ? moderation.act() : null);
        em.persist(event);
        return event;
    }
}
