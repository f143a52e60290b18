package dev.chatwar.ops;

import dev.chatwar.chat.ChatRuntime;
import dev.chatwar.identity.Authentication;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * The node's metrics in Prometheus's text format (names in docs/ops/README.md), kept by Micrometer. Counters the chat
 * keeps anyway are read when scraped; only the histograms are fed as the chat works: each commit of the store,
 * each message from another node, and every connection's send queue once a second.
 */
@ApplicationScoped
public class Metrics {

    @Inject
    ChatRuntime runtime;

    @Inject
    Authentication authentication;

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private JvmGcMetrics gc;
    private ChatMeters chat;
    private volatile boolean stopped;

    // observing the start makes the bean then, so that the histograms count from the start, not the first scrape
    void start(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
    }

    @PostConstruct
    void bind() {
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        gc = new JvmGcMetrics();
        gc.bindTo(registry);
        chat = new ChatMeters(registry, runtime.chat(), runtime.traffic(), authentication.accounts());
        runtime.everySecond(() -> {
            if (!stopped) {
                chat.sampleSendQueues();
            }
        });
    }

    @PreDestroy
    void stop() {
        stopped = true; // the runtime may be gone already: it is not asked to forget the task, which now does nothing
        gc.close(); // it listens to the JVM's collectors: left bound, it would keep this application's classes
        registry.close();
    }

    /** The current values, in Prometheus's text exposition format 0.0.4. */
    public String scrape() {
        chat.registerNewLabels();
        return registry.scrape();
    }
}
