package dev.chatwar.history;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Event ids come from a sequence instead of the identity column: EclipseLink (Payara) asks H2 2.x for a new
 * identity with a function H2 no longer has (eclipse-ee4j/eclipselink#1393), while a sequence works with both
 * providers on H2 and PostgreSQL. It starts after the ids already given; plain SQL cannot say that portably.
 */
public class V5__EventIdSequence extends BaseJavaMigration {

    static final String SEQUENCE = "room_event_id";

    @Override
    public void migrate(Context context) throws SQLException {
        try (Statement statement = context.getConnection().createStatement()) {
            long next;
            try (ResultSet max = statement.executeQuery("select coalesce(max(id), 0) + 1 from room_event")) {
                max.next();
                next = max.getLong(1);
            }
            statement.execute("create sequence " + SEQUENCE + " start with " + next + " increment by 1");
        }
    }
}
