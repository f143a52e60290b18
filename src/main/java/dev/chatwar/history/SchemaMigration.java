package dev.chatwar.history;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import java.util.Optional;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * Brings the database schema up to date when the application starts, before any request: the SQL scripts in
 * db/migration, and the Java migrations named here.
 */
@ApplicationScoped
public class SchemaMigration {

    @Resource(lookup = "java:comp/DefaultDataSource")
    DataSource dataSource;

    private volatile String migratedVersion;

    void migrate(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
        var result = Flyway.configure(SchemaMigration.class.getClassLoader())
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .javaMigrations(new V5__EventIdSequence(), new V9__CaseInsensitiveNames())
                .load()
                .migrate();
        migratedVersion = result.targetSchemaVersion != null ? result.targetSchemaVersion
                : String.valueOf(result.initialSchemaVersion);
    }

    /** The schema's version once this application brought it up to date; empty before. */
    public Optional<String> migratedVersion() {
        return Optional.ofNullable(migratedVersion);
    }
}
