package org.shahed.platform.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

/**
 * Deletes what is past its retention ({@link RetentionRule}s: published outbox rows, processed-event claims,
 * idempotency keys, ...), every {@code shahed.retention.every}, in one replica at a time, in short transactions of
 * a bounded number of rows so that nothing waits long on its locks. What it deletes is logged per rule.
 */
@ApplicationScoped
public class Retention {
    private static final Logger LOG = Logger.getLogger(Retention.class);
    private static final int ROWS_PER_TRANSACTION = 10_000;

    @Inject
    @Any
    Instance<RetentionRule> rules;
    @Inject
    SoleRunner soleRunner;
    @Inject
    AgroalDataSource dataSource;
    @ConfigProperty(name = "shahed.retention.every", defaultValue = "1h")
    Duration every;
    @Inject
    MeterRegistry metrics;

    private ScheduledExecutorService timer;

    void onStart(@Observes StartupEvent startup) {
        // Each rule's count exists from the start, so that dashboards and alerts see zero rather than nothing.
        for (RetentionRule rule : rules) {
            metrics.counter("shahed.retention.deleted", "rule", rule.name());
        }
        timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "retention");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(() -> {
            try {
                pruneAll();
            } catch (RuntimeException e) {
                LOG.warnf(e, "Retention: could not prune; trying again in %s", every);
            }
        }, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    void onStop(@Observes ShutdownEvent shutdown) {
        timer.shutdownNow();
    }

    /** Prunes every rule now, unless another replica is doing it; the rows deleted per rule (empty if skipped). */
    public Map<String, Long> pruneAll() {
        Map<String, Long> deleted = new LinkedHashMap<>();
        soleRunner.runAlone("retention", () -> {
            for (RetentionRule rule : rules) {
                long rows = prune(rule);
                deleted.put(rule.name(), rows);
                metrics.counter("shahed.retention.deleted", "rule", rule.name()).increment(rows);
                if (rows > 0) {
                    LOG.infof("Retention: deleted %d %s older than %s", rows, rule.name(), rule.keep());
                }
            }
        });
        return deleted;
    }

    private long prune(RetentionRule rule) {
        Timestamp cutOff = Timestamp.from(Instant.now().minus(rule.keep()));
        String delete = "delete from " + rule.table() + " where ctid = any(array(select ctid from " + rule.table()
                + " where " + rule.olderThan() + " limit " + ROWS_PER_TRANSACTION + "))";
        long total = 0;
        try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(delete)) {
            int rows;
            do {
                statement.setTimestamp(1, cutOff);
                rows = statement.executeUpdate();
                total += rows;
            } while (rows == ROWS_PER_TRANSACTION);
        } catch (SQLException e) {
            throw new IllegalStateException("retention of " + rule.name() + " failed", e);
        }
        return total;
    }
}
