package dev.chatwar.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The IT's reader of scrapes must refuse what Prometheus would refuse, or its passing proves nothing. */
class PrometheusTextTest {

    private static final String GOOD = """
            # HELP chat_closes_total connections closed
            # TYPE chat_closes_total counter
            chat_closes_total{by="client",code="1000"} 3.0
            chat_closes_total{code="4008",by="server"} 1.0
            # TYPE t_seconds histogram
            t_seconds_bucket{le="0.001"} 1
            t_seconds_bucket{le="0.01"} 4
            t_seconds_bucket{le="+Inf"} 5
            t_seconds_count 5
            t_seconds_sum 0.02
            g{path="a\\\\b \\"q\\" \\n"} NaN
            """;

    @Test
    void readsSeriesWithLabelsInAnyOrder() {
        PrometheusText text = PrometheusText.parse(GOOD);
        assertEquals(1.0, text.value("chat_closes_total", "by", "server", "code", "4008"));
        assertEquals(3.0, text.value("chat_closes_total", "code", "1000", "by", "client"));
        assertEquals("histogram", text.type("t_seconds"));
        assertEquals(0.0, text.valueOrZero("absent"));
    }

    @Test
    void refusesWhatTheFormatDoesNotAllow() {
        assertThrows(AssertionError.class, () -> PrometheusText.parse("chat-closes 1\n"), "a dash in a name");
        assertThrows(AssertionError.class, () -> PrometheusText.parse("a{b=\"c} 1\n"), "an open quote");
        assertThrows(AssertionError.class, () -> PrometheusText.parse("a{b=c} 1\n"), "an unquoted value");
        assertThrows(AssertionError.class, () -> PrometheusText.parse("a 1,5\n"), "not a number");
        assertThrows(AssertionError.class, () -> PrometheusText.parse("a 1\na 2\n"), "a series twice");
        assertThrows(AssertionError.class, () -> PrometheusText.parse("a 1\n# TYPE a gauge\n"), "TYPE after samples");
        assertThrows(AssertionError.class, () -> PrometheusText.parse(GOOD.replace("t_seconds_count 5", "t_seconds_count 6")),
                "+Inf bucket and count disagree");
        assertThrows(AssertionError.class, () -> PrometheusText.parse(GOOD.replace("le=\"0.01\"} 4", "le=\"0.01\"} 0")),
                "buckets not cumulative");
    }
}
