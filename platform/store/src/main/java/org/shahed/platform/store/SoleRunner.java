package org.shahed.platform.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Background work that one replica of a service does at a time (a sweep over every record, whose log must not get
 * one entry per replica): the job holds a PostgreSQL advisory lock, on a connection of its own, for as long as it
 * runs; a replica that finds the lock taken skips its turn. The lock goes with the connection, so a replica that
 * dies mid-job frees it.
 */
@ApplicationScoped
public class SoleRunner {
    private final AgroalDataSource dataSource;

    @Inject
    public SoleRunner(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Runs {@code work} unless the job named {@code job} runs elsewhere now; whether it ran. */
    public boolean runAlone(String job, Runnable work) {
        try (Connection connection = dataSource.getConnection()) {
            if (!lock(connection, "select pg_try_advisory_lock(hashtextextended(?, 0))", job)) {
                return false;
            }
            try {
                work.run();
                return true;
            } finally {
                lock(connection, "select pg_advisory_unlock(hashtextextended(?, 0))", job);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot take the lock of job " + job, e);
        }
    }

    private static boolean lock(Connection connection, String sql, String job) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, "job:" + job);
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                return result.getBoolean(1);
            }
        }
    }
}
