package dev.chatwar.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LoadToolTest {

    // a port nothing listens on: a command that got past its options would fail to connect, not return 2
    private static final String NOWHERE = "http://127.0.0.1:1/";

    @Test
    void aMisspelledOptionIsAUsageErrorAndNothingRuns() throws Exception {
        assertEquals(2, LoadTool.run("run", "--url", NOWHERE, "--scenario", "fanout", "--clinets", "5"));
        assertEquals(2, LoadTool.run("bench", "--war", NOWHERE, "--peer", NOWHERE, "--out", "x", "--scenario", "storm"));
    }

    @Test
    void anOptionOfTheOtherCommandIsRefused() throws Exception {
        assertEquals(2, LoadTool.run("run", "--url", NOWHERE, "--scenario", "fanout", "--peer", NOWHERE));
    }

    @Test
    void missingValuesRepeatsUnknownScenariosAndBadNumbersAreUsageErrors() throws Exception {
        assertEquals(2, LoadTool.run("run", "--url", NOWHERE, "--scenario", "fanout", "--clients"));
        assertEquals(2, LoadTool.run("run", "--url", NOWHERE, "--scenario", "fanout", "--clients", "--tiny"));
        assertEquals(2, LoadTool.run("run", "--url", NOWHERE, "--url", NOWHERE, "--scenario", "fanout"));
        assertEquals(2, LoadTool.run("run", "--url", NOWHERE, "--scenario", "fanout", "--clients", "many"));
        assertEquals(2, LoadTool.run("run", "--scenario", "fanout"));
        assertEquals(2, LoadTool.run("bench", "--war", NOWHERE, "--peer", NOWHERE, "--out", "x",
                "--scenarios", "fanout,fanuot"));
        assertEquals(2, LoadTool.run("walk"));
    }

    @Test
    void knownOptionsAndFlagsAreRead() {
        Map<String, String> options = LoadTool.options(
                new String[] {"run", "--tiny", "--clients", "7", "--target", "warm-up"},
                Set.of("tiny", "clients", "target"));
        assertEquals(Map.of("tiny", "true", "clients", "7", "target", "warm-up"), options);
        assertThrows(IllegalArgumentException.class,
                () -> LoadTool.options(new String[] {"run", "--clinets", "7"}, Set.of("clients")));
    }
}
