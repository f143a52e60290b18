package dev.chatwar.ops;

import java.util.Map;

/** One named check of a health report, as MicroProfile Health words it: a name, UP or DOWN, and some data. */
public record HealthCheck(String name, boolean up, Map<String, String> data) {

    public static HealthCheck up(String name, Map<String, String> data) {
        return new HealthCheck(name, true, data);
    }

    public static HealthCheck down(String name, Map<String, String> data) {
        return new HealthCheck(name, false, data);
    }
}
