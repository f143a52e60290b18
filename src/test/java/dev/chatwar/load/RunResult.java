package dev.chatwar.load;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.Map;
import org.HdrHistogram.Histogram;

/** The numbers of one load run against one server; latencies in milliseconds, memory in KiB. */
public record RunResult(String scenario, String target, int clients, int rooms, int senders, double rate,
        int connected, int held, double connectSeconds, long sent, long deliveries, double deliveriesPerSecond,
        double p50, double p99, double p999, double max, long lost, long errors, Map<String, Long> errorFrames,
        Map<Integer, Long> closes, Double rssKibPerConnection, Double heapKibPerConnection,
        Double cpuMicrosPerDelivery) {

    static RunResult of(LoadPlan plan, String target, int connected, int held, double connectSeconds,
            Traffic traffic, Double rssKibPerConnection, Double heapKibPerConnection, Double cpuMicrosPerDelivery) {
        Histogram latency = traffic.latency();
        double seconds = plan.measure().toMillis() / 1000.0;
        return new RunResult(plan.name(), target, plan.clients(), plan.rooms(), plan.senders(), plan.rate(),
                connected, held, connectSeconds, traffic.sent(), traffic.deliveries(),
                seconds == 0 ? 0 : traffic.deliveries() / seconds,
                millis(latency, 50), millis(latency, 99), millis(latency, 99.9),
                latency.getTotalCount() == 0 ? 0 : latency.getMaxValue() / 1000.0,
                traffic.lost(), traffic.errors(), traffic.errorFrames(), traffic.closes(), rssKibPerConnection,
                heapKibPerConnection, cpuMicrosPerDelivery);
    }

    private static double millis(Histogram latency, double percentile) {
        return latency.getTotalCount() == 0 ? 0 : latency.getValueAtPercentile(percentile) / 1000.0;
    }

    double connectionsPerSecond() {
        return connectSeconds == 0 ? 0 : connected / connectSeconds;
    }

    JsonObject toJson() {
        JsonObjectBuilder errorCodes = Json.createObjectBuilder();
        errorFrames.forEach(errorCodes::add);
        JsonObjectBuilder closeCodes = Json.createObjectBuilder();
        closes.forEach((code, count) -> closeCodes.add(String.valueOf(code), count));
        JsonObjectBuilder json = Json.createObjectBuilder()
                .add("scenario", scenario).add("target", target)
                .add("clients", clients).add("rooms", rooms).add("senders", senders).add("rate", rate)
                .add("connected", connected).add("held", held)
                .add("connectSeconds", round(connectSeconds)).add("connectionsPerSecond", round(connectionsPerSecond()))
                .add("sent", sent).add("deliveries", deliveries).add("deliveriesPerSecond", round(deliveriesPerSecond))
                .add("latencyMillis", Json.createObjectBuilder().add("p50", round(p50)).add("p99", round(p99))
                        .add("p99.9", round(p999)).add("max", round(max)))
                .add("lost", lost).add("errors", errors).add("errorFrames", errorCodes).add("closes", closeCodes);
        if (rssKibPerConnection != null) {
            json.add("rssKibPerConnection", round(rssKibPerConnection));
        }
        if (heapKibPerConnection != null) {
            json.add("liveHeapKibPerConnection", round(heapKibPerConnection));
        }
        if (cpuMicrosPerDelivery != null) {
            json.add("serverCpuMicrosPerDelivery", Math.round(cpuMicrosPerDelivery * 100) / 100.0);
        }
        return json.build();
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
