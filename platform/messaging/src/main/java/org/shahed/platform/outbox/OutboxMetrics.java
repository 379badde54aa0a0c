package org.shahed.platform.outbox;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;

import org.shahed.platform.store.CachedReading;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * How far the relay is behind, as gauges: events waiting in the outbox and the age of the oldest. Read from the
 * database when scraped (at most every few seconds), so every replica shows the service's whole outbox.
 */
@ApplicationScoped
public class OutboxMetrics {
    @Inject
    AgroalDataSource dataSource;
    @Inject
    MeterRegistry metrics;

    private final CachedReading<double[]> pendingAndAge = new CachedReading<>(Duration.ofSeconds(5), this::readPending);

    void onStart(@Observes StartupEvent startup) {
        Gauge.builder("shahed.outbox.pending", this, outbox -> outbox.read()[0])
                .description("Change events written but not yet published").register(metrics);
        Gauge.builder("shahed.outbox.oldest.pending.age", this, outbox -> outbox.read()[1]).baseUnit("seconds")
                .description("How long the oldest unpublished change event has waited (0 when none waits)").register(metrics);
    }

    private double[] read() {
        try {
            return pendingAndAge.get();
        } catch (IllegalStateException e) {
            return new double[] { Double.NaN, Double.NaN };
        }
    }

    private double[] readPending() {
        try (Connection connection = dataSource.getConnection();
                ResultSet row = connection.createStatement().executeQuery("""
                        select coalesce(sum(event_count), 0), coalesce(extract(epoch from now() - min(occurred_at)), 0)
                        from outbox_event where published_at is null""")) {
            row.next();
            return new double[] { row.getDouble(1), row.getDouble(2) };
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the outbox", e);
        }
    }
}
