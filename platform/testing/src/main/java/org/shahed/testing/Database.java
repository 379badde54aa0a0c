package org.shahed.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;

import org.eclipse.microprofile.config.ConfigProvider;

/** The application's own database, as a test reads or arranges it directly (as the servers' superuser). */
public final class Database {
    private Database() {
    }

    public static Connection connect() throws SQLException {
        return DriverManager.getConnection(
                ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.url", String.class), "postgres", "");
    }

    /** The number a {@code select count(*) ...} answers. */
    public static long count(String query) throws SQLException {
        try (Connection db = connect(); ResultSet row = db.createStatement().executeQuery(query)) {
            row.next();
            return row.getLong(1);
        }
    }

    /** Runs one statement that changes rows. */
    public static void update(String statement) throws SQLException {
        try (Connection db = connect()) {
            db.createStatement().executeUpdate(statement);
        }
    }
}
