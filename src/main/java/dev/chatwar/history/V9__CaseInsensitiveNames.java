package dev.chatwar.history;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * User names become unique ignoring case: each account gets a name key, its name in lower case, under a unique
 * index. Of accounts registered before whose names differ only in case, the oldest keeps the plain key; each
 * later one gets the key with {@code #} and a number, which no name can ever match, so those users still sign
 * in with the exact spelling they registered and nobody can register another such spelling.
 */
public class V9__CaseInsensitiveNames extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws SQLException {
        try (Statement statement = context.getConnection().createStatement()) {
            statement.execute("alter table account add column name_key varchar(40)");
            Set<String> taken = new HashSet<>();
            try (ResultSet accounts = statement.executeQuery(
                    "select username from account order by created_at, username");
                 PreparedStatement update = context.getConnection().prepareStatement(
                         "update account set name_key = ? where username = ?")) {
                while (accounts.next()) {
                    String name = accounts.getString(1);
                    String key = name.toLowerCase(Locale.ROOT);
                    for (int n = 2; !taken.add(key); n++) {
                        key = name.toLowerCase(Locale.ROOT) + "#" + n;
                    }
                    update.setString(1, key);
                    update.setString(2, name);
                    update.executeUpdate();
                }
            }
            statement.execute("alter table account alter column name_key set not null");
            statement.execute("create unique index account_name_key on account (name_key)");
        }
    }
}
