package dev.chatwar.ops;

import dev.chatwar.chat.ChatRuntime;
import dev.chatwar.history.SchemaMigration;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

/**
 * The node's liveness (is it worth keeping: its one-second tick still runs) and readiness (may it take
 * traffic: schema migrated, database answering, broker connected when clustered, not stopping).
 */
@ApplicationScoped
public class Health {

    /** The tick that closes silent connections and expires sessions; this late, the node is stuck. */
    static final long MAX_TICK_AGE_MILLIS = TimeUnit.SECONDS.toMillis(30);
    private static final int VALIDITY_TIMEOUT_SECONDS = 2;

    @Inject
    ChatRuntime runtime;

    @Inject
    SchemaMigration schema;

    @Resource(lookup = "java:comp/DefaultDataSource")
    DataSource dataSource;

    private DatabaseProbe database;

    @PostConstruct
    void start() {
        database = new DatabaseProbe(this::databaseAnswers, System::nanoTime);
    }

    private boolean databaseAnswers() throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            return connection.isValid(VALIDITY_TIMEOUT_SECONDS);
        }
    }

    public List<HealthCheck> live() {
        long age = runtime.tickAgeMillis();
        Map<String, String> data = Map.of("lastTickMillisAgo", String.valueOf(age));
        return List.of(age <= MAX_TICK_AGE_MILLIS ? HealthCheck.up("tick", data) : HealthCheck.down("tick", data));
    }

    public List<HealthCheck> ready() {
        List<HealthCheck> checks = new ArrayList<>();
        Optional<String> version = schema.migratedVersion();
        checks.add(version.map(v -> HealthCheck.up("schema", Map.of("version", v)))
                .orElseGet(() -> HealthCheck.down("schema", Map.of("version", "none"))));
        DatabaseProbe.Answer answer = database.answer();
        checks.add(new HealthCheck("database", answer.up(), Map.of("detail", answer.detail())));
        runtime.brokerConnected().ifPresent(connected -> checks.add(new HealthCheck("broker", connected,
                Map.of("detail", connected ? "connected" : "not connected"))));
        boolean stopping = runtime.stopping();
        checks.add(new HealthCheck("accepting", !stopping, Map.of("detail", stopping ? "stopping" : "running")));
        return checks;
    }
}
