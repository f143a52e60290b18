package dev.chatwar.support;

import dev.chatwar.base.ChatException;
import dev.chatwar.base.ErrorCode;
import dev.chatwar.base.Preview;
import dev.chatwar.base.RoomName;
import dev.chatwar.base.UserName;
import dev.chatwar.history.Append;
import dev.chatwar.history.Appended;
import dev.chatwar.history.EventFeed;
import dev.chatwar.history.EventStore;
import dev.chatwar.history.HistoryQuery;
import dev.chatwar.history.ModeratorAct;
import dev.chatwar.history.ReactionChange;
import dev.chatwar.history.ReactionCount;
import dev.chatwar.history.Reply;
import dev.chatwar.history.ThreadSummary;
import dev.chatwar.history.Reading;
import dev.chatwar.history.RoomEvent;
import dev.chatwar.history.RoomRules;
import dev.chatwar.history.Sanction;
import dev.chatwar.room.RoomDirectory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.LinkedHashMap;
import java.util.HashSet;

/**
 * An event store in memory for unit tests, with the same rules as the JPA one, and a switch to make it fail; and
 * the feed of its events, as the search index follows them.
 */
public final class InMemoryEventStore implements EventStore, EventFeed {

    private final List<RoomEvent> events = new ArrayList<>();
    private final Map<String, Long> readPositions = new HashMap<>();
    private final Map<RoomName, UserName> owners = new HashMap<>();
    private final InMemoryReactions reactions = new InMemoryReactions();
    private RoomDirectory memberships;
    private boolean failing;
    private int commits;

    /** Where a kick or a ban ends the target's membership, as the JPA store's transaction does. */
    public synchronized void endsMembershipsIn(RoomDirectory directory) {
        this.memberships = directory;
    }

    public synchronized void failing(boolean failing) {
        this.failing = failing;
    }

    private final List<RoomName> forgotten = new ArrayList<>();

    /** The rooms the chat said it no longer holds, in order. */
    public synchronized List<RoomName> forgotten() {
        return List.copyOf(forgotten);
    }

    @Override
    public synchronized void forget(RoomName room) {
        forgotten.add(room);
    }

    /** How many calls of appendAll committed. */
    public synchronized int commits() {
        return commits;
    }

    @Override
    public synchronized long lastSeq(RoomName room) {
        return events.stream().filter(e -> e.room().equals(room)).mapToLong(RoomEvent::seq).max().orElse(0);
    }

    /** All or nothing, as one transaction: on a failure the events stored before it are taken back. */
    @Override
    public synchronized List<Appended> appendAll(List<Append> appends) {
        failIfFailing();
        List<RoomEvent> before = new ArrayList<>(events);
        try {
            List<Appended> outcomes = new ArrayList<>();
            for (Append append : appends) {
                try {
                    outcomes.add(append(append));
                } catch (ChatException refused) {
                    outcomes.add(new Appended.Refused(refused));
                }
            }
            commits++;
            return outcomes;
        } catch (RuntimeException failure) {
            events.clear();
            events.addAll(before);
            throw failure;
        }
    }

    private Appended append(Append append) {
        long seq = lastSeq(append.room()) + 1;
        long id = events.size() + 1;
        if (append instanceof Append.Message message) {
            if (message.clientId() != null) {
                Optional<RoomEvent> earlier = events.stream().filter(e -> e.author().equals(message.author())
                        && message.clientId().equals(e.clientId())).findFirst();
                if (earlier.isPresent()) {
                    return new Appended.Duplicate(earlier.get());
                }
            }
            Reply reply = message.replyTo() == null ? null : reply(message, liveMessage(message.replyTo(), message.room()));
            return stored(new RoomEvent(id, message.room(), seq, RoomEvent.Kind.MESSAGE, message.author(),
                    message.text(), null, message.sentAt(), false, false, message.clientId(), message.mentions(),
                    null, reply, null, null));
        }
        if (append instanceof Append.Reaction reaction) {
            liveMessage(reaction.messageId(), reaction.room());
            int count = reactions.change(reaction);
            return stored(new RoomEvent(id, reaction.room(), seq, RoomEvent.Kind.REACTION, reaction.author(),
                    reaction.emoji(), reaction.messageId(), reaction.sentAt(), false, false, null, List.of(), null,
                    null, null, new ReactionChange(reaction.emoji(), reaction.added(), count)));
        }
        if (append instanceof Append.Edit edit) {
            RoomEvent message = liveMessage(edit.messageId(), edit.room());
            replace(new RoomEvent(message.id(), message.room(), message.seq(), message.kind(), message.author(),
                    edit.text(), null, message.sentAt(), false, true, message.clientId(), message.mentions(), null,
                    message.reply(), message.thread(), null));
            return stored(new RoomEvent(id, edit.room(), seq, RoomEvent.Kind.EDIT, edit.author(), edit.text(),
                    edit.messageId(), edit.sentAt(), false, false, null));
        }
        if (append instanceof Append.Moderation moderation) {
            if (moderation.act().action().endsMembership() && memberships != null) {
                memberships.leave(moderation.room(), moderation.act().target());
            }
            return stored(new RoomEvent(id, moderation.room(), seq, RoomEvent.Kind.MODERATION, moderation.author(),
                    moderation.reason(), null, moderation.sentAt(), false, false, null, List.of(), moderation.act()));
        }
        Append.Retraction retraction = (Append.Retraction) append;
        long messageId = retraction.messageId();
        RoomEvent message = liveMessage(messageId, retraction.room());
        replace(new RoomEvent(message.id(), message.room(), message.seq(), message.kind(), message.author(), null,
                null, message.sentAt(), true, message.edited(), message.clientId(), message.mentions(), null,
                message.reply(), message.thread(), null));
        reactions.forget(messageId);
        events.stream().filter(e -> e.reply() != null && e.reply().parentId() == messageId).toList()
                .forEach(e -> replace(withReply(e, new Reply(messageId, e.reply().parentAuthor(), null,
                        e.reply().threadId(), e.reply().threadReplies()))));
        events.stream().filter(e -> e.kind() == RoomEvent.Kind.EDIT && e.messageId() == messageId).toList()
                .forEach(e -> replace(new RoomEvent(e.id(), e.room(), e.seq(), e.kind(), e.author(), null,
                        e.messageId(), e.sentAt(), false, false, null)));
        return stored(new RoomEvent(id, retraction.room(), seq, RoomEvent.Kind.RETRACTION, retraction.author(),
                null, messageId, retraction.sentAt(), false, false, null));
    }

    private Appended stored(RoomEvent event) {
        events.add(event);
        return new Appended.Stored(event);
    }

    // the thread's message counts one more reply
    private Reply reply(Append.Message message, RoomEvent parent) {
        long threadId = parent.reply() == null ? parent.id() : parent.reply().threadId();
        RoomEvent root = events.get((int) threadId - 1);
        int replies = root.thread() == null ? 1 : root.thread().replies() + 1;
        replace(new RoomEvent(root.id(), root.room(), root.seq(), root.kind(), root.author(), root.text(), null,
                root.sentAt(), root.retracted(), root.edited(), root.clientId(), root.mentions(), null, null,
                new ThreadSummary(replies, message.sentAt()), null));
        return new Reply(parent.id(), parent.author(), Preview.of(parent.text()), threadId, replies);
    }

    private static RoomEvent withReply(RoomEvent e, Reply reply) {
        return new RoomEvent(e.id(), e.room(), e.seq(), e.kind(), e.author(), e.text(), e.messageId(), e.sentAt(),
                e.retracted(), e.edited(), e.clientId(), e.mentions(), e.act(), reply, e.thread(), e.reaction());
    }

    private RoomEvent liveMessage(long messageId, RoomName room) {
        RoomEvent message = find(messageId).filter(RoomEvent::isMessage).filter(e -> e.room().equals(room))
                .orElseThrow(() -> new ChatException(ErrorCode.NOT_FOUND, "no message with id " + messageId));
        if (message.retracted()) {
            throw new ChatException(ErrorCode.ALREADY_RETRACTED, "already retracted");
        }
        return message;
    }

    private void replace(RoomEvent event) {
        events.set((int) event.id() - 1, event);
    }

    @Override
    public synchronized Reading reading(UserName user, RoomName room, int most) {
        failIfFailing();
        long readSeq = readPositions.getOrDefault(user + "/" + room, 0L);
        long unread = events.stream().filter(e -> e.room().equals(room) && e.seq() > readSeq && e.isMessage()
                && !e.author().equals(user) && !e.retracted()).limit(Math.min(most, MAX_UNREAD)).count();
        long mentions = events.stream().filter(e -> e.room().equals(room) && e.seq() > readSeq && e.isMessage()
                && e.mentions().contains(user) && !e.retracted()).limit(Math.min(most, MAX_UNREAD)).count();
        return new Reading(readSeq, unread, mentions);
    }

    @Override
    public synchronized long markRead(UserName user, RoomName room, long seq) {
        return readPositions.merge(user + "/" + room, seq, Math::max);
    }

    @Override
    public synchronized Optional<RoomEvent> find(long id) {
        return id >= 1 && id <= events.size() ? Optional.of(events.get((int) id - 1)) : Optional.empty();
    }

    @Override
    public synchronized List<RoomEvent> page(RoomName room, HistoryQuery query) {
        return page(query, e -> e.room().equals(room));
    }

    // the events that pass, chosen by seq as the JPA store's pages are
    private List<RoomEvent> page(HistoryQuery query, java.util.function.Predicate<RoomEvent> passing) {
        List<RoomEvent> matching = events.stream()
                .filter(passing)
                .filter(e -> query.before() == null || e.seq() < query.before())
                .filter(e -> query.after() == null || e.seq() > query.after())
                .toList();
        return query.after() != null ? matching.subList(0, Math.min(query.limit(), matching.size()))
                : matching.subList(Math.max(0, matching.size() - query.limit()), matching.size());
    }

    @Override
    public synchronized List<RoomEvent> mentioning(UserName user, RoomName room, HistoryQuery query) {
        return page(room, query).stream().filter(e -> e.mentions().contains(user) && !e.retracted()).toList();
    }

    @Override
    public synchronized List<RoomEvent> thread(RoomName room, long threadId, HistoryQuery query) {
        return page(query, e -> e.room().equals(room) && e.isMessage() && (e.id() == threadId
                || (e.reply() != null && e.reply().threadId() == threadId)));
    }

    @Override
    public synchronized List<RoomEvent> after(long afterId, int limit) {
        return events.stream().filter(e -> e.id() > afterId && e.kind() != RoomEvent.Kind.MODERATION
                && e.kind() != RoomEvent.Kind.REACTION).limit(limit).toList();
    }

    @Override
    public synchronized List<RoomEvent> messages(Collection<Long> ids) {
        return ids.stream().map(this::find).flatMap(Optional::stream).filter(RoomEvent::isMessage).toList();
    }

    @Override
    public synchronized long lastId() {
        return events.size();
    }

    @Override
    public synchronized Map<Long, List<ReactionCount>> reactions(Collection<Long> messageIds, UserName reader) {
        return reactions.counts(messageIds, reader);
    }

    @Override
    public synchronized List<RoomEvent> lastEvents(Collection<RoomName> rooms) {
        failIfFailing();
        Map<RoomName, RoomEvent> last = new HashMap<>();
        events.stream().filter(e -> rooms.contains(e.room())).forEach(e -> last.merge(e.room(), e,
                (one, other) -> one.seq() > other.seq() ? one : other));
        return List.copyOf(last.values());
    }

    /** The rules as the room's moderation events, replayed in order, leave them. */
    @Override
    public synchronized RoomRules rules(RoomName room) {
        failIfFailing();
        Set<UserName> moderators = new HashSet<>();
        Map<UserName, Sanction> bans = new LinkedHashMap<>();
        Map<UserName, Sanction> mutes = new LinkedHashMap<>();
        for (RoomEvent event : events) {
            if (!event.room().equals(room) || event.act() == null) {
                continue;
            }
            ModeratorAct act = event.act();
            Sanction sanction = new Sanction(act.target(), event.author(), event.sentAt(), act.until(), event.text());
            switch (act.action()) {
                case BAN -> {
                    moderators.remove(act.target());
                    bans.remove(act.target());
                    bans.put(act.target(), sanction);
                }
                case UNBAN -> bans.remove(act.target());
                case MUTE -> {
                    mutes.remove(act.target());
                    mutes.put(act.target(), sanction);
                }
                case UNMUTE -> mutes.remove(act.target());
                case PROMOTE -> moderators.add(act.target());
                case DEMOTE -> moderators.remove(act.target());
                case KICK -> { }
            }
        }
        return new RoomRules(owners.get(room), moderators, List.copyOf(bans.values()), List.copyOf(mutes.values()));
    }

    @Override
    public synchronized boolean claimOwner(RoomName room, UserName user, Instant at) {
        failIfFailing();
        return owners.putIfAbsent(room, user) == null;
    }

    private void failIfFailing() {
        if (failing) {
            throw new IllegalStateException("store unavailable");
        }
    }
}
