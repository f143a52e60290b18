package dev.chatwar.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chatwar.base.ChatException;
import dev.chatwar.base.ErrorCode;
import dev.chatwar.base.RoomName;
import dev.chatwar.base.UserName;
import dev.chatwar.room.RoomAccess;
import dev.chatwar.history.EventFeed;
import dev.chatwar.history.RoomEvent;
import dev.chatwar.search.Indexer;
import dev.chatwar.search.MessageIndex;
import dev.chatwar.search.MessageSearch;
import dev.chatwar.search.SearchHit;
import dev.chatwar.search.SearchQuery;
import dev.chatwar.support.InMemoryEventStore;
import dev.chatwar.support.InMemoryRoomDirectory;
import dev.chatwar.support.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Search, on the chat and a Lucene index in memory: what a user finds, and what it never finds. */
class SearchTest {

    private final InMemoryEventStore store = new InMemoryEventStore();
    private final InMemoryRoomDirectory directory = new InMemoryRoomDirectory().withUsers("alice", "bob", "carol");
    private final TestClock clock = new TestClock();
    private final Chat chat = new Chat(store, new RoomAccess(directory, Set.of()), clock, 1_000_000);
    private final MessageIndex index = MessageIndex.inMemory();
    private final Indexer indexer = new Indexer(store, index, false, System::nanoTime);
    private final MessageSearch engine = new MessageSearch(index, 2);

    SearchTest() {
        indexer.start();
        chat.whenStored(indexer::committed);
    }

    private TestClient member(String user, String room, boolean makePrivate) {
        TestClient client = TestClient.open(chat, user);
        client.request("{\"type\":\"join\",\"room\":\"" + room + "\",\"private\":" + makePrivate + "}");
        return client;
    }

    private static long say(TestClient client, String room, String text) {
        return client.request("{\"type\":\"send\",\"room\":\"" + room + "\",\"text\":\"" + text + "\"}")
                .getJsonNumber("id").longValue();
    }

    private List<String> found(String user, String q) {
        return found(user, new SearchQuery(q, null, null, null, null, SearchQuery.Order.NEWEST, 20, 0));
    }

    private List<String> found(String user, SearchQuery query) {
        indexer.poll();
        return chat.queries().search(new UserName(user), query, engine).hits().stream().map(SearchHit::text).toList();
    }

    @Test
    void wordsPhrasesAndPrefixesAreFoundNewestFirstWithWhereTheyMatch() {
        TestClient alice = member("alice", "team", false);
        say(alice, "team", "The deploy failed on node two");
        clock.advance(Duration.ofMinutes(1));
        say(alice, "team", "deployment notes are in the wiki");
        say(alice, "team", "node two is back, the deploy went through");

        assertEquals(List.of("node two is back, the deploy went through", "The deploy failed on node two"),
                found("alice", "deploy node"), "every word must match");
        assertEquals(List.of("The deploy failed on node two"), found("alice", "\"deploy failed\""));
        assertEquals(List.of("node two is back, the deploy went through", "deployment notes are in the wiki",
                "The deploy failed on node two"), found("alice", "deplo*"));
        assertEquals(List.of("deployment notes are in the wiki"), found("alice", "wiki OR nothing"));
        assertEquals(List.of("deployment notes are in the wiki"), found("alice", "deplo* -node"));

        indexer.poll();
        SearchHit hit = chat.queries().search(new UserName("alice"), new SearchQuery("failed", null, null, null, null,
                SearchQuery.Order.RELEVANCE, 20, 0), engine).hits().get(0);
        assertEquals(List.of(new SearchHit.Match(11, 17)), hit.matches());
        assertEquals("failed", hit.text().substring(11, 17));
        assertEquals(new RoomName("team"), hit.room());
    }

    @Test
    void aPhraseIsMarkedOnlyWhereItStandsWholeAndALeftOutWordNever() {
        TestClient alice = member("alice", "team", false);
        say(alice, "team", "the deploy failed and the deploy was retried");
        assertEquals(List.of(List.of(4, 10), List.of(11, 17)), marked("\"deploy failed\""));
        assertEquals(List.of(List.of(4, 10), List.of(26, 32), List.of(37, 44)), marked("retr* deploy"));
        assertEquals(List.of(List.of(11, 17)), marked("failed -nothing"));
    }

    private List<List<Integer>> marked(String q) {
        indexer.poll();
        return chat.queries().search(new UserName("alice"), new SearchQuery(q, null, null, null, null,
                SearchQuery.Order.NEWEST, 20, 0), engine).hits().get(0).matches().stream()
                .map(match -> List.of(match.start(), match.end())).toList();
    }

    @Test
    void aSmallRoomOfABigIndexIsSearchedAsWellAsABigOne() {
        TestClient alice = member("alice", "team", false);
        TestClient secret = member("alice", "hideout", true);
        TestClient bob = member("bob", "team", false);
        for (int i = 0; i < 600; i++) {
            say(bob, "team", "status update number " + i);
        }
        say(secret, "hideout", "status of the surprise");
        assertEquals(List.of("status of the surprise"), found("alice", new SearchQuery("status", new RoomName("hideout"),
                null, null, null, SearchQuery.Order.NEWEST, 20, 0)), "a room of one message in 601: by its own list");
        assertEquals(List.of("status of the surprise", "status update number 599"), found("alice",
                new SearchQuery("status", null, null, null, null, SearchQuery.Order.NEWEST, 2, 0)));
        assertEquals(List.of("status update number 599"), found("bob",
                new SearchQuery("status", null, null, null, null, SearchQuery.Order.NEWEST, 1, 0)));
        assertEquals(List.of(), found("carol", "surprise"));
    }

    @Test
    void anEditIsFoundByItsNewTextAndARetractedMessageIsGone() {
        TestClient alice = member("alice", "team", false);
        long id = say(alice, "team", "lunch at noon");
        long other = say(alice, "team", "lunch on friday");
        assertEquals(2, found("alice", "lunch").size());
        alice.request("{\"type\":\"edit\",\"id\":" + id + ",\"text\":\"dinner at eight\"}");
        alice.request("{\"type\":\"retract\",\"id\":" + other + "}");
        assertEquals(List.of(), found("alice", "lunch"));
        assertEquals(List.of("dinner at eight"), found("alice", "dinner"));
    }

    @Test
    void aUserFindsOnlyWhatItMayReadAndFiltersNarrowIt() {
        TestClient alice = member("alice", "team", false);
        TestClient secret = member("alice", "hideout", true);
        TestClient bob = member("bob", "team", false);
        say(alice, "team", "release plan for monday");
        clock.advance(Duration.ofHours(2));
        Instant later = clock.instant();
        say(bob, "team", "release notes drafted");
        say(secret, "hideout", "release the surprise party");
        TestClient carol = TestClient.open(chat, "carol");
        say(carol, "lobby", "release day everyone");

        assertEquals(List.of("release day everyone", "release notes drafted", "release plan for monday"),
                found("bob", "release"), "not alice's private room");
        assertEquals(List.of("release day everyone"), found("carol", "release"), "the lobby only: no memberships");
        assertEquals(4, found("alice", "release").size());
        assertEquals(List.of("release notes drafted"), found("alice",
                new SearchQuery("release", new RoomName("team"), new UserName("BOB"), null, null,
                        SearchQuery.Order.NEWEST, 20, 0)));
        assertEquals(List.of("release plan for monday"), found("alice",
                new SearchQuery("release", new RoomName("team"), null, null, later, SearchQuery.Order.NEWEST, 20, 0)));
        var outsider = assertThrows(ChatException.class, () -> found("bob",
                new SearchQuery("release", new RoomName("hideout"), null, null, null, SearchQuery.Order.NEWEST, 20, 0)));
        assertEquals(ErrorCode.NOT_A_MEMBER, outsider.code());

        assertEquals("ack", alice.request("{\"type\":\"moderate\",\"room\":\"team\",\"action\":\"ban\",\"user\":\"bob\"}")
                .getString("type"));
        assertEquals(List.of("release day everyone"), found("bob", "release"), "nothing of a room that banned you");
    }

    @Test
    void onceCaughtUpAServerAloneIndexesWhatItsWriterCommitsWithoutReadingItBack() {
        AtomicInteger reads = new AtomicInteger();
        EventFeed counted = new EventFeed() {
            @Override
            public List<RoomEvent> after(long afterId, int limit) {
                reads.incrementAndGet();
                return store.after(afterId, limit);
            }

            @Override
            public List<RoomEvent> messages(Collection<Long> ids) {
                return store.messages(ids);
            }

            @Override
            public long lastId() {
                return store.lastId();
            }
        };
        MessageIndex followingIndex = MessageIndex.inMemory();
        Indexer following = new Indexer(counted, followingIndex, false, System::nanoTime);
        following.start();
        TestClient alice = member("alice", "team", false);
        say(alice, "team", "stored before anything followed");
        chat.whenStored(following::committed);
        following.poll();
        assertEquals(1, reads.get(), "the first poll reads the store");

        say(alice, "team", "stored while followed");
        long edited = say(alice, "team", "stored then edited");
        alice.request("{\"type\":\"edit\",\"id\":" + edited + ",\"text\":\"stored and changed\"}");
        following.poll();
        assertEquals(1, reads.get(), "not read back");
        assertEquals(List.of("stored and changed", "stored while followed", "stored before anything followed"),
                chat.queries().search(new UserName("alice"), new SearchQuery("stored", null, null, null, null,
                        SearchQuery.Order.NEWEST, 20, 0), new MessageSearch(followingIndex, 1)).hits().stream()
                        .map(SearchHit::text).toList());
    }

    @Test
    void costlyOrMalformedQueriesAreRefusedWithInvalidField() {
        member("alice", "team", false);
        for (String q : List.of("/dep.*/", "deploy~", "d*", "*ploy", "de*oy", "room:hideout", "[a TO z]",
                "\"unclosed", "a".repeat(201))) {
            var refused = assertThrows(ChatException.class, () -> found("alice", q), q);
            assertEquals(ErrorCode.INVALID_FIELD, refused.code(), q);
        }
        assertTrue(found("alice", "nothing stored").isEmpty());
    }
}
