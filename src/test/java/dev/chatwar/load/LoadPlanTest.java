package dev.chatwar.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LoadPlanTest {

    @Test
    void everyScenarioAtBothSizesIsAPossiblePlan() {
        for (String name : LoadTool.SCENARIOS) {
            assertEquals(name, LoadPlan.scenario(name, false).name());
            assertEquals(name, LoadPlan.scenario(name, true).name());
        }
    }

    @Test
    void theManyRoomsScenarioHasFiveConnectionsOfFiveUsersInEachOfAThousandRooms() {
        LoadPlan plan = LoadPlan.scenario("rooms", false);
        Map<Integer, Set<Integer>> usersByRoom = new HashMap<>();
        for (int connection = 0; connection < plan.clients(); connection++) {
            usersByRoom.computeIfAbsent(plan.roomOf(connection), room -> new HashSet<>()).add(plan.userOf(connection));
        }
        assertEquals(1000, usersByRoom.size());
        usersByRoom.values().forEach(users -> assertEquals(5, users.size()));
    }

    @Test
    void sendersAreSpreadOverTheRoomsAndNeverOneOfTheSlowConnections() {
        LoadPlan plan = new LoadPlan("x", 40, 8, 4, 8, 10, 1, 64, 2, Duration.ZERO, Duration.ofSeconds(1),
                Duration.ZERO);
        Set<Integer> senders = new HashSet<>();
        Map<Integer, Integer> sendersByRoom = new HashMap<>();
        for (int sender = 0; sender < plan.senders(); sender++) {
            int connection = plan.senderConnection(sender);
            assertTrue(senders.add(connection), "each sender its own connection");
            sendersByRoom.merge(plan.roomOf(connection), 1, Integer::sum);
        }
        assertEquals(Map.of(0, 2, 1, 2, 2, 2, 3, 2), sendersByRoom);
        for (int j = 0; j < plan.slow(); j++) {
            assertEquals(0, plan.roomOf(plan.slowConnection(j)));
            assertFalse(senders.contains(plan.slowConnection(j)));
        }
    }

    @Test
    void aPlanWhoseRoomsCannotHoldItsSendersAndSlowConnectionsIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new LoadPlan("x", 4, 2, 2, 4, 0, 1, 64, 1,
                Duration.ZERO, Duration.ZERO, Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> new LoadPlan("x", 10, 2, 3, 1, 0, 1, 64, 0,
                Duration.ZERO, Duration.ZERO, Duration.ZERO));
    }
}
