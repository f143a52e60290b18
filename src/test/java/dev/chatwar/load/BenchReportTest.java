package dev.chatwar.load;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BenchReportTest {

    private static final Machine MACHINE = new Machine(2, "test CPU", "1 GiB", "Linux", "Java");

    @Test
    void memoryThatShrankWhileConnectionsOpenedIsReportedAsBelowNoiseNotAsANegativeSize() {
        String table = BenchReport.table(MACHINE, "WildFly", List.of(run("war", 2.5, -59.4), run("peer", 8.0, null)));

        assertTrue(table.contains(
                "| server live heap per connection, after a full GC (KiB; JVM only) | below noise |  |  |  |  |"), table);
        assertTrue(table.contains("| server resident memory growth per connection (KiB) | 2.5 |  | 8.0 |  | 0.31 |"),
                table);
    }

    @Test
    void theWarIsComparedWithTheNaiveEndpointAndWithThePeerInColumnsOfTheirOwn() {
        String table = BenchReport.table(MACHINE, "WildFly",
                List.of(run("war", 2.5, 6.0), run("naive", 5.0, 3.0), run("peer", 10.0, null)));

        assertTrue(table.contains("| | WAR on WildFly | naive endpoint, same WildFly | Node ws peer | WAR / naive | WAR / peer |"),
                table);
        assertTrue(table.contains("| server resident memory growth per connection (KiB) | 2.5 | 5.0 | 10.0 | 0.50 | 0.25 |"),
                table);
        assertTrue(table.contains("| server live heap per connection, after a full GC (KiB; JVM only) | 6.0 | 3.0 |  | 2.00 |  |"),
                table);
    }

    @Test
    void theColumnsNameTheServerTheWarRanOn() {
        List<RunResult> runs = List.of(run("war", 2.5, 6.0), run("naive", 5.0, 3.0), run("peer", 10.0, null));

        String table = BenchReport.table(MACHINE, "Payara", runs);
        String chart = BenchReport.chart("Payara", runs);

        assertTrue(table.contains("| | WAR on Payara | naive endpoint, same Payara | Node ws peer |"), table);
        assertTrue(chart.contains(">WAR on Payara<") && !chart.contains("WildFly"), chart);
    }

    private static RunResult run(String target, double rssKib, Double heapKib) {
        return new RunResult("slow", target, 500, 1, 5, 40, 500, 500, 1.0, 800, 399_200, 19_960, 7.7, 17.6, 29.6,
                40.0, 0, 0, Map.of(), Map.of(), rssKib, heapKib, 16.9);
    }
}
