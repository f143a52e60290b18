package dev.chatwar.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Set;
import java.util.UUID;
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
    void aReactionFrameIsKnownByItsMessageItsEmojiAndWhetherItWasPutOn() {
        String frame = "{\"type\":\"reaction\",\"room\":\"r\",\"id\":9,\"seq\":3,\"user\":\"u\","
                + "\"sentAt\":\"2026-12-03T01:00:00Z\",\"messageId\":42,\"emoji\":\"😀\",\"added\":false,\"count\":0}";
        assertEquals(Traffic.reactionKey(42, "😀", false), Traffic.reactionKey(frame));
        assertEquals(null, Traffic.reactionKey("{\"type\":\"reaction\"}"));
        assertTrue(LoadPlan.scenario("threads", true).threaded());
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

    @Test
    void aProcessPatternThatMatchesNoProcessIsAnErrorNotARunThatMeasuresNothing() throws Exception {
        assertEquals(2, LoadTool.run("run", "--url", NOWHERE, "--scenario", "fanout", "--tiny", "--process",
                "no-process-has-this-" + UUID.randomUUID()));
    }

    @Test
    void aServerIsFoundByAPieceAtTheEndOfALongCommandLine() throws Exception {
        // Payara's command line runs to several kilobytes; its main class comes after the class path
        String marker = "chat-load-tool-test-" + UUID.randomUUID();
        Process server = new ProcessBuilder("sh", "-c", "sleep 60", "x".repeat(20_000), marker).start();
        try {
            ServerProcess found = ServerProcess.matching(marker);
            assertTrue(found.describe().contains(Long.toString(server.pid())), found.describe());
            assertTrue(found.cpuNanos().isPresent());
        } finally {
            server.destroy();
        }
    }
}
