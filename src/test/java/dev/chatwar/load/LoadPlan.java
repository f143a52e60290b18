package dev.chatwar.load;

import java.time.Duration;
import java.util.Optional;

/**
 * The shape of one load run: how many connections of how many users in how many rooms, who sends, how
 * fast, and for how long.
 *
 * @param rate       messages a second over all senders; 0 means flat out, bounded by {@code window}
 * @param window     flat out: messages in flight at once, each until every reading member of its room got it
 * @param slow       connections that join their room and then stop reading
 * @param hold       how long the connections stay open and idle after the traffic (storm scenario)
 */
public record LoadPlan(String name, int clients, int users, int rooms, int senders, double rate, int window,
        int payload, int slow, Duration warmup, Duration measure, Duration hold) {

    public LoadPlan {
        if (clients < 1 || users < 1 || rooms < 0 || senders < 0 || rate < 0 || window < 1 || slow < 0
                || (rooms == 0 && senders + slow > 0) || (rooms > 0 && clients % rooms != 0)
                || (rooms > 0 && (senders + rooms - 1) / rooms + slow > clients / rooms)) {
            throw new IllegalArgumentException("not a possible plan: " + name + " " + clients + " clients, "
                    + users + " users, " + rooms + " rooms, " + senders + " senders, " + slow + " slow");
        }
    }

    public boolean flatOut() {
        return rate == 0;
    }

    /**
     * Whether the senders mix replies and reactions into their messages: of every three sends, one a plain
     * message, one a reply to the sender's own first message, one a reaction put on or taken off it.
     */
    public boolean threaded() {
        return name.equals("threads");
    }

    int perRoom() {
        return rooms == 0 ? 0 : clients / rooms;
    }

    /** The room of the i-th connection: consecutive connections share a room; -1 with no rooms. */
    int roomOf(int connection) {
        return rooms == 0 ? -1 : connection / perRoom();
    }

    /** The user of the i-th connection: the connections of one room belong to different users where they can. */
    int userOf(int connection) {
        return connection % users;
    }

    /** The connection of the k-th sender: the first ones of each room, in turn. */
    int senderConnection(int sender) {
        return (sender % rooms) * perRoom() + sender / rooms;
    }

    /** The j-th connection that stops reading: the last ones of the first room, never a sender. */
    int slowConnection(int j) {
        return perRoom() - 1 - j;
    }

    /** The benchmark's scenarios at full size, and a tiny version of each for checking the tool. */
    public static LoadPlan scenario(String name, boolean tiny) {
        Duration warmup = Duration.ofSeconds(tiny ? 1 : 5);
        Duration measure = Duration.ofSeconds(tiny ? 2 : 20);
        int scale = tiny ? 50 : 1;
        return switch (name) {
            case "fanout" -> new LoadPlan(name, 1000 / scale, 100 / scale, 1, 10 / (tiny ? 5 : 1), 0, 8, 64, 0,
                    warmup, measure, Duration.ZERO);
            // as fanout, every third send a reply and every third a reaction: what they cost per delivery against it
            case "threads" -> new LoadPlan(name, 1000 / scale, 100 / scale, 1, 10 / (tiny ? 5 : 1), 0, 8, 64, 0,
                    warmup, measure, Duration.ZERO);
            case "fanout64" -> new LoadPlan(name, 1000 / scale, 100 / scale, 1, 10 / (tiny ? 5 : 1), 0, 64, 64, 0,
                    warmup, measure, Duration.ZERO);
            // few members, so that the messages a second one room can store, not the load tool's reading, is the bound
            case "one-room" -> new LoadPlan(name, 4, 4, 1, 4, 0, 64, 64, 0, warmup, measure, Duration.ZERO);
            case "rooms" -> new LoadPlan(name, 5000 / scale, 1000 / scale, 1000 / scale, 1000 / scale, 0, 1000 / scale,
                    64, 0, warmup, measure, Duration.ZERO);
            case "latency" -> new LoadPlan(name, 1000 / scale, 100 / scale, 10 / (tiny ? 5 : 1), 10 / (tiny ? 5 : 1),
                    tiny ? 20 : 200, 1, 64, 0, warmup, measure, Duration.ZERO);
            case "storm" -> new LoadPlan(name, tiny ? 100 : 10_000, tiny ? 10 : 500, 0, 0, 0, 1, 64, 0,
                    Duration.ZERO, Duration.ZERO, Duration.ofSeconds(tiny ? 2 : 30));
            // 200 messages of 3,000 characters a second reach a client that stopped reading at 600 KB/s: its
            // socket buffers and then its 1 MiB outbox are full within the run, and the WAR closes it with 4008.
            // A small room, so that the readers (6 MB/s in all) stay within what the load tool can take.
            case "steady" -> new LoadPlan(name, 10, 10, 1, tiny ? 1 : 5, tiny ? 10 : 200, 1, 3000, 0, warmup,
                    measure, Duration.ZERO);
            case "slow" -> new LoadPlan(name, 10, 10, 1, tiny ? 1 : 5, tiny ? 10 : 200, 1, 3000, 1, warmup, measure,
                    Duration.ZERO);
            // 100 rooms of 5 at one message a second each: alone, the baseline of hot-room; in hot-room, while
            // the one-room load runs flat out beside them
            case "quiet", "hot-room" -> new LoadPlan(name, 500 / scale, 100 / scale, 100 / scale, 100 / scale,
                    100 / scale, 1, 64, 0, warmup, measure, Duration.ZERO);
            default -> throw new IllegalArgumentException("no scenario " + name + "; there are "
                    + String.join(", ", LoadTool.SCENARIOS));
        };
    }

    /**
     * The load that runs beside a scenario's own, from before its warm-up until its measurement ends: in
     * {@code hot-room}, one room flat out (as in {@code one-room}), so that what a hot room costs the quiet ones
     * is the difference between {@code hot-room} and {@code quiet}.
     */
    public static Optional<LoadPlan> background(String name, boolean tiny) {
        if (!name.equals("hot-room")) {
            return Optional.empty();
        }
        LoadPlan hot = scenario("one-room", tiny);
        return Optional.of(new LoadPlan("hot-room-background", hot.clients(), hot.users(), hot.rooms(), hot.senders(),
                0, hot.window(), hot.payload(), 0, Duration.ZERO, Duration.ofHours(1), Duration.ZERO));
    }
}
