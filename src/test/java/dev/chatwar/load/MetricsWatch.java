package dev.chatwar.load;

import dev.chatwar.support.PrometheusText;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Scrapes a node's /api/metrics once a second for a while (a load runs meanwhile, from another shell) and
 * writes DIR/dashboard.svg, the dashboard's panels drawn from those scrapes, and DIR/sample-scrape.txt, the
 * last scrape's chat_ lines. Seconds when the server did not answer are left out; once it has answered
 * and then not for 20 s, the watch ends.
 *
 * <pre>MetricsWatch URL SECONDS DIR</pre>
 */
public final class MetricsWatch {

    private static final int GONE_SECONDS = 20;

    private MetricsWatch() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: MetricsWatch URL SECONDS DIR");
            System.exit(2);
        }
        URI metrics = URI.create(args[0]).resolve("api/metrics");
        int seconds = Integer.parseInt(args[1]);
        Path out = Path.of(args[2]);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        List<DashboardPicture.Scrape> scrapes = new ArrayList<>();
        String last = "";
        long start = System.currentTimeMillis();
        int missed = 0;
        for (int i = 0; i <= seconds; i++) {
            long due = start + i * 1000L;
            Thread.sleep(Math.max(0, due - System.currentTimeMillis())); // a clock, not a wait for an event
            HttpResponse<String> answer;
            try {
                answer = http.send(HttpRequest.newBuilder(metrics).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.ofString());
            } catch (java.io.IOException notUp) {
                if (!scrapes.isEmpty() && ++missed >= GONE_SECONDS) {
                    break; // it answered before and has been gone for a while: it was stopped
                }
                continue; // the server is starting, or restarting between runs: that second stays empty
            }
            if (answer.statusCode() != 200) {
                continue;
            }
            missed = 0;
            last = answer.body();
            scrapes.add(new DashboardPicture.Scrape(System.currentTimeMillis(), PrometheusText.parse(last)));
        }
        Files.createDirectories(out);
        Files.writeString(out.resolve("dashboard.svg"), new DashboardPicture(scrapes)
                .svg("Chat node " + metrics.getHost() + ":" + metrics.getPort() + ", scraped once a second for "
                        + (scrapes.get(scrapes.size() - 1).atMillis() - scrapes.get(0).atMillis()) / 1000 + " s"));
        StringBuilder chat = new StringBuilder();
        for (String line : last.split("\n")) {
            if (line.startsWith("chat_") || line.startsWith("# HELP chat_") || line.startsWith("# TYPE chat_")) {
                chat.append(line).append('\n');
            }
        }
        Files.writeString(out.resolve("sample-scrape.txt"), chat.toString());
        System.out.println("wrote " + out.resolve("dashboard.svg") + " from " + scrapes.size() + " scrapes");
    }
}
