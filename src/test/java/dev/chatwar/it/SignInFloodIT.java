package dev.chatwar.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Fifty sign-ins and registrations at once, round after round, while someone chats. The suite's servers hash
 * with 1,000 iterations, so the flood's CPU cost here is small; what this checks is the work the server lets it
 * cause: one hash per sign-in let in, none for a taken name or a caller refused busy, never more hashes at once
 * than the gate allows. The chat's latency under the production cost is measured in docs/bench/checks/signin-flood.
 */
class SignInFloodIT extends DeployedWar {

    private static final int AT_ONCE = 50;
    private static final int ROUNDS = 4;

    @Test
    void aFloodOfSignInsAndRegistrationsHashesOnlyWhatItMustWhileTheChatGoesOn() throws Exception {
        List<String> members = IntStream.range(0, AT_ONCE / 2).mapToObj(i -> "member" + i + "-" + suffix).toList();
        members.forEach(TestUsers::token);
        String room = "flood-" + suffix;
        ChatClient chatter = ChatClient.connect(ChatWar.BASE, "chatter-" + suffix);
        chatter.join(room);
        JsonObject before = api.stats().getJsonObject("passwordHashing");

        AtomicBoolean flooding = new AtomicBoolean(true);
        CompletableFuture<List<Long>> roundTrips = CompletableFuture.supplyAsync(() -> {
            List<Long> micros = new ArrayList<>();
            while (flooding.get()) {
                long start = System.nanoTime();
                assertEquals("ack", chatter.say(room, "still here").getString("type"));
                micros.add((System.nanoTime() - start) / 1_000);
            }
            return micros;
        });
        List<Integer> registrations = new ArrayList<>();
        List<Integer> signIns = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            // even threads register a name that is taken, odd ones sign a member in with the right password
            List<Integer> statuses = AllAtOnce.run(AT_ONCE, i -> i % 2 == 0
                    ? api.register(members.get(i / 2), "another password " + i).statusCode()
                    : api.login(members.get(i / 2), TestUsers.password(members.get(i / 2)), null).statusCode());
            for (int i = 0; i < AT_ONCE; i++) {
                (i % 2 == 0 ? registrations : signIns).add(statuses.get(i));
            }
        }
        flooding.set(false);
        List<Long> chat = roundTrips.get(30, TimeUnit.SECONDS).stream().sorted().toList();
        JsonObject after = api.stats().getJsonObject("passwordHashing");

        assertTrue(registrations.stream().allMatch(status -> status == 409), "a taken name is user_taken: " + registrations);
        assertTrue(signIns.stream().allMatch(status -> status == 201 || status == 503), "in, or server_busy: " + signIns);
        long signedIn = signIns.stream().filter(status -> status == 201).count();
        long busy = signIns.size() - signedIn;
        assertTrue(signedIn > 0, signIns.toString());
        assertEquals(signedIn, delta(before, after, "hashed"), "one hash per sign-in let in, none for a taken name");
        assertEquals(busy, delta(before, after, "refusedBusy"), "each server_busy answer counted, without a hash");
        int allowed = Math.max(1, Runtime.getRuntime().availableProcessors() / 2); // the server runs on this machine
        assertTrue(after.getInt("mostAtOnce") <= allowed, "at most " + allowed + " hashes at once: " + after);

        long p99 = chat.get((int) Math.ceil(chat.size() * 0.99) - 1);
        System.out.printf("SignInFloodIT: %d sign-ins (%d busy) and %d registrations of taken names at %d at once;"
                        + " %d chat round trips meanwhile, p50 %.1f ms, p99 %.1f ms%n", signIns.size(), busy,
                registrations.size(), AT_ONCE, chat.size(), chat.get(chat.size() / 2) / 1000.0, p99 / 1000.0);
        assertTrue(chat.size() >= 10, "the chat went on during the flood: " + chat.size() + " round trips");
        chatter.leaveAndClose();
        api.awaitConnections(0);
    }

    private static long delta(JsonObject before, JsonObject after, String field) {
        return after.getJsonNumber(field).longValue() - before.getJsonNumber(field).longValue();
    }
}
