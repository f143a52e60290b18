package dev.chatwar.history;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
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

    void migrate(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
        Flyway.configure(SchemaMigration.class.getClassLoader())
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .javaMigrations(new V5__EventIdSequence(), new V9__CaseInsensitiveNames())
                .load()
                .migrate();
    }
}
