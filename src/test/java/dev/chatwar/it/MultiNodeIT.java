package dev.chatwar.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chatwar.base.RoomName;
import dev.chatwar.base.UserName;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.websocket.CloseReason;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.awaitility.core.ConditionTimeoutException;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Two nodes (WildFly, or Payara domains with -Ppayara) on one Artemis broker and one database: clients on both
 * chat in one room, one node is killed, its clients resume on the other, and every client ends up with the room's
 * stored events, each once, in stored order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class) // the node that dies in the last test stays dead
class MultiNodeIT {

    // a room of its own on every run: with -Ppostgresql the database outlives the run
    private static final String ROOM = "cluster-" + Long.toString(System.currentTimeMillis(), 36);
    private static final int PER_NODE = 4;
    private static final int MESSAGES_EACH = 10;

    private static ClusterTopology topology;
    private static ClusterTopology.Node first;
    private static ClusterTopology.Node second;
    private static final Map<String, String> TOKENS = new ConcurrentHashMap<>();

    @BeforeAll
    static void startCluster() throws Exception {
        topology = new ClusterTopology().start();
        // one after the other: both would otherwise migrate the empty database at once
        first = topology.startNode("node1", 200);
        second = topology.startNode("node2", 300);
        ChatClient.waiting().until(() -> first.stats().getInt("peers") + second.stats().getInt("peers"),
                Matchers.equalTo(2));
    }

    @AfterAll
    static void stopCluster() {
        if (topology != null) {
            topology.close();
        }
    }

    private static String token(String user) {
        return TOKENS.computeIfAbsent(user, name -> {
            ServerApi api = first.api();
            HttpResponse<String> registered = api.register(name, TestUsers.password(name));
            assertTrue(registered.statusCode() == 201 || registered.statusCode() == 409, registered.body());
            return ServerApi.parse(api.login(name, TestUsers.password(name), null).body()).asJsonObject()
                    .getString("token");
        });
    }

    private static ChatClient connect(ClusterTopology.Node node, String user) {
        return ChatClient.connect(node.base(), user, token(user), null);
    }

    @Test
    @Order(3)
    void clientsOnTwoNodesChatInOneOrderAndResumeOnTheOtherWhenOneDies() {
        List<ChatClient> onFirst = new ArrayList<>();
        List<ChatClient> onSecond = new ArrayList<>();
        for (int i = 0; i < PER_NODE; i++) {
            onFirst.add(connect(first, "first" + i));
            onSecond.add(connect(second, "second" + i));
        }
        List<ChatClient> everyone = new ArrayList<>(onFirst);
        everyone.addAll(onSecond);
        everyone.forEach(client -> client.join(ROOM));

        // a user with a tab on each node is present once for the others
        ChatClient watcher = onSecond.get(0);
        ChatClient twoTabsFirst = connect(first, "twotabs");
        twoTabsFirst.join(ROOM);
        ChatClient twoTabsSecond = connect(second, "twotabs");
        twoTabsSecond.join(ROOM);
        twoTabsSecond.say(ROOM, "both tabs are in"); // seen by the watcher after both joins
        watcher.await(frame -> "both tabs are in".equals(frame.getString("text", null)));
        assertEquals(1, presenceOf(watcher, "twotabs").size(), "one arrival for two tabs on two nodes");

        everyone.parallelStream().forEach(client -> client.sayMany(ROOM, "from " + client.user(), MESSAGES_EACH));
        long total = 1 + (long) everyone.size() * MESSAGES_EACH;
        everyone.forEach(client -> client.awaitInRoom(ROOM, "message", (int) total));
        List<Long> expected = LongStream.rangeClosed(1, total).boxed().toList();
        List<Long> storedIds = new ServerApi(second.base(), token(watcher.user())).allHistory(ROOM).stream()
                .map(event -> event.getJsonNumber("id").longValue()).toList();
        for (ChatClient client : everyone) {
            assertEquals(expected, seqs(client), client.user() + " saw the stored order");
            assertEquals(storedIds, ids(client), client.user() + " saw the stored events");
        }

        first.kill();
        onFirst.forEach(client -> assertEquals(CloseReason.CloseCodes.CLOSED_ABNORMALLY.getCode(),
                client.awaitClose().getCloseCode().getCode()));

        // the survivors keep talking while the first node's users come back on the second node
        Thread talk = new Thread(() -> onSecond.forEach(client -> client.sayMany(ROOM, "meanwhile", MESSAGES_EACH)));
        talk.start();
        List<ChatClient> resumed = new ArrayList<>();
        for (ChatClient gone : onFirst.subList(0, PER_NODE - 1)) {
            ChatClient back = connect(second, gone.user());
            back.join(ROOM, seqs(gone).get(seqs(gone).size() - 1));
            resumed.add(back);
        }
        join(talk);
        long finalTotal = total + (long) onSecond.size() * MESSAGES_EACH;
        for (int i = 0; i < resumed.size(); i++) {
            ChatClient before = onFirst.get(i);
            ChatClient after = resumed.get(i);
            after.awaitInRoom(ROOM, "message", (int) (finalTotal - total));
            List<Long> seen = new ArrayList<>(seqs(before));
            seen.addAll(seqs(after));
            assertEquals(LongStream.rangeClosed(1, finalTotal).boxed().toList(), seen,
                    before.user() + " got every event once across the two nodes");
        }

        // the user who did not come back leaves when the dead node is given up; the two-tab user stays
        String goneForGood = onFirst.get(PER_NODE - 1).user();
        ChatClient.waiting().until(() -> presenceOf(watcher, goneForGood),
                Matchers.hasItem("left"));
        assertEquals(List.of("joined"), presenceOf(watcher, "twotabs"));
        assertTrue(new ServerApi(second.base(), token(watcher.user())).present(ROOM).contains("twotabs"));

        long cleanBefore = closedNormally(second);
        List<ChatClient> open = new ArrayList<>(onSecond);
        open.addAll(resumed);
        open.add(twoTabsSecond);
        open.forEach(ChatClient::leaveAndClose);
        ChatClient.waiting().until(() -> closedNormally(second) - cleanBefore, Matchers.equalTo((long) open.size()));
    }

    @Test
    @Order(2)
    void aModeratorsActOnOneNodeIsEnforcedOnTheOther() {
        String room = ROOM + "-moderated";
        ChatClient owner = connect(first, "roomowner");
        owner.join(room);
        ChatClient loud = connect(second, "loud");
        ChatClient troll = connect(second, "troll");
        loud.join(room);
        troll.join(room);

        long muteSeq = owner.moderate(room, "mute", "loud").getJsonNumber("seq").longValue();
        loud.await(frame -> frame.getString("type").equals("moderation") && frame.getInt("seq") == muteSeq);
        assertEquals("muted", loud.say(room, "on the other node").getString("code"));

        owner.moderate(room, "ban", "troll");
        JsonObject left = troll.await(frame -> frame.getString("type").equals("left") && room.equals(
                frame.getString("room")));
        assertEquals("banned", left.getString("reason"));
        assertEquals("banned", troll.join(room).getString("code"));
        assertEquals("ack", owner.moderate(room, "unban", "troll").getString("type"));
        // the other node hears of the unban within milliseconds: the join succeeds once it has
        ChatClient.waiting().until(() -> troll.join(room).getString("type"), Matchers.equalTo("joined"));
        List.of(owner, loud, troll).forEach(ChatClient::leaveAndClose);
    }

    @Test
    @Order(2)
    void eachNodeFindsTheMessagesTheOtherStored() {
        String room = ROOM + "-search";
        String word = "zephyr" + Long.toString(System.nanoTime(), 36);
        for (ClusterTopology.Node node : List.of(first, second)) {
            HttpResponse<String> posted = node.api().postJson("api/rooms/" + room + "/messages",
                    Json.createObjectBuilder().add("text", word + " from " + node.name()).build(),
                    "Authorization", "Bearer " + token("finder"));
            assertEquals(201, posted.statusCode(), posted.body());
        }
        ChatClient member = connect(first, "finder");
        member.join(room);
        member.leaveAndClose();
        for (ClusterTopology.Node node : List.of(first, second)) {
            try {
                ChatClient.waiting().until(() -> new ServerApi(node.base(), token("finder")).searchTexts(word, "")
                        .size(), Matchers.equalTo(2));
            } catch (ConditionTimeoutException late) {
                throw new AssertionError(node.name() + " did not find both; the nodes' search indexes: "
                        + first.stats().get("search") + ", " + second.stats().get("search"), late);
            }
        }
    }

    @Test
    @Order(2)
    void aTicketIssuedByOneNodeOpensOneSocketOnTheOther() {
        HttpResponse<String> issued = first.api().postJson("api/sessions/current/tickets",
                Json.createObjectBuilder().build(), "Authorization", "Bearer " + token("ticketholder"));
        assertEquals(201, issued.statusCode(), issued.body());
        String ticket = ServerApi.parse(issued.body()).asJsonObject().getString("ticket");

        try (RawSocket opened = RawSocket.handshake(second.base(), "?ticket=" + ticket, 0)) {
            assertEquals(101, opened.status());
        }
        try (RawSocket again = RawSocket.handshake(first.base(), "?ticket=" + ticket, 0)) {
            assertEquals(401, again.status(), "used up on the other node");
        }
    }

    @Test
    @Order(0)
    void readinessGoesDownWhileTheDatabaseOrTheBrokerIsAwayAndUpWhenItReturns() throws Exception {
        for (ClusterTopology.Node node : List.of(first, second)) {
            assertEquals(List.of("schema", "database", "broker", "accepting"), checkNames(node.health("ready")));
            awaitReady(node, 200);
        }
        if (System.getProperty("chat.it.database", "h2").equals("h2")) { // with -Ppostgresql the test cannot stop it
            ChatClient before = connect(first, "steady");
            assertEquals("joined", before.join(ROOM + "-db").getString("type"));
            assertEquals("ack", before.say(ROOM + "-db", "before the outage").getString("type"));
            topology.stopDatabase();
            awaitReady(first, 503);
            assertEquals("DOWN", check(first.health("ready"), "database").getString("status"));
            assertEquals(200, first.health("live").statusCode(), "a node without its database is not restarted");
            topology.startDatabase();
            awaitReady(first, 200);
            awaitReady(second, 200);
            ChatClient after = connect(second, "steady");
            assertEquals("joined", after.join(ROOM + "-db", 0).getString("type"));
            assertEquals("before the outage", after.awaitInRoom(ROOM + "-db", "message", 1).get(0).getString("text"),
                    "the database came back with its data");
            before.leaveAndClose();
            after.leaveAndClose();
        }

        topology.killBroker();
        for (ClusterTopology.Node node : List.of(first, second)) {
            awaitReady(node, 503);
            assertEquals("DOWN", check(node.health("ready"), "broker").getString("status"));
            assertEquals(200, node.health("live").statusCode());
        }
        topology.startBroker();
        awaitReady(first, 200);
        awaitReady(second, 200);
        ChatClient onFirst = connect(first, "reconnected-1");
        ChatClient onSecond = connect(second, "reconnected-2");
        String room = ROOM + "-broker";
        assertEquals("joined", onFirst.join(room).getString("type"));
        assertEquals("joined", onSecond.join(room).getString("type"));
        assertEquals("ack", onFirst.say(room, "over the new broker").getString("type"));
        assertEquals("over the new broker", onSecond.awaitInRoom(room, "message", 1).get(0).getString("text"),
                "the nodes hear each other again");
        onFirst.leaveAndClose();
        onSecond.leaveAndClose();
    }

    private static void awaitReady(ClusterTopology.Node node, int status) {
        ChatClient.waiting().atMost(java.time.Duration.ofSeconds(60))
                .until(() -> node.health("ready").statusCode(), Matchers.equalTo(status));
    }

    private static List<String> checkNames(HttpResponse<String> report) {
        return ServerApi.parse(report.body()).asJsonObject().getJsonArray("checks").stream()
                .map(check -> check.asJsonObject().getString("name")).toList();
    }

    private static JsonObject check(HttpResponse<String> report, String name) {
        return ServerApi.parse(report.body()).asJsonObject().getJsonArray("checks").stream()
                .map(check -> check.asJsonObject()).filter(check -> check.getString("name").equals(name))
                .findFirst().orElseThrow();
    }

    @Test
    @Order(1)
    void aDirectMessageBetweenTheLongestNamesIsStoredAndDeliveredAcrossNodes() {
        String stamp = Long.toString(System.nanoTime(), 36);
        String one = ("a-" + stamp + "x".repeat(UserName.MAX_LENGTH)).substring(0, UserName.MAX_LENGTH);
        String other = ("b-" + stamp + "y".repeat(UserName.MAX_LENGTH)).substring(0, UserName.MAX_LENGTH);
        String room = "dm:" + one + ":" + other;
        assertEquals(RoomName.MAX_STORED_LENGTH, room.length(), "the longest name a room can have");

        ChatClient onFirst = connect(first, one);
        ChatClient onSecond = connect(second, other);
        assertEquals("joined", onFirst.join(room).getString("type"));
        assertEquals("joined", onSecond.join(room).getString("type"));
        assertEquals("ack", onFirst.say(room, "from node 1").getString("type"));
        assertEquals("ack", onSecond.say(room, "from node 2").getString("type"));
        for (ChatClient client : List.of(onFirst, onSecond)) {
            assertEquals(List.of("from node 1", "from node 2"), client.awaitInRoom(room, "message", 2).stream()
                    .map(message -> message.getString("text")).toList());
        }
        onFirst.leaveAndClose();
        onSecond.leaveAndClose();
    }

    private static long closedNormally(ClusterTopology.Node node) {
        JsonObject codes = node.stats().getJsonObject("closeCodes");
        return codes.containsKey("1000") ? codes.getJsonNumber("1000").longValue() : 0;
    }

    private static List<String> presenceOf(ChatClient client, String user) {
        return client.inRoom(ROOM, "presence").stream().filter(frame -> frame.getString("user").equals(user))
                .map(frame -> frame.getString("state")).collect(Collectors.toList());
    }

    private static List<Long> seqs(ChatClient client) {
        return client.inRoom(ROOM, "message").stream().map(frame -> frame.getJsonNumber("seq").longValue()).toList();
    }

    private static List<Long> ids(ChatClient client) {
        return client.inRoom(ROOM, "message").stream().map(frame -> frame.getJsonNumber("id").longValue()).toList();
    }

    private static void join(Thread thread) {
        try {
            thread.join(ChatClient.TIMEOUT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
