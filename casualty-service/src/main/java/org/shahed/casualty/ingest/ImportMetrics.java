package org.shahed.casualty.ingest;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.shahed.platform.store.CachedReading;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

/** Import jobs by state, as gauges read from the database when scraped (every replica shows them all). */
@ApplicationScoped
public class ImportMetrics {
    private static final List<String> STATES = List.of("queued", "running", "completed", "failed");

    @Inject
    EntityManager entityManager;
    @Inject
    MeterRegistry metrics;

    private final CachedReading<Map<String, Long>> byState = new CachedReading<>(Duration.ofSeconds(5), this::readStates);

    void onStart(@Observes StartupEvent startup) {
        for (String state : STATES) {
            Gauge.builder("shahed.imports.jobs", this, imports -> imports.count(state)).tag("state", state)
                    .description("Import jobs in each state").register(metrics);
        }
    }

    private double count(String state) {
        return byState.get().getOrDefault(state, 0L);
    }

    private Map<String, Long> readStates() {
        Map<String, Long> read = new HashMap<>();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = QuarkusTransaction.requiringNew().call(() -> entityManager
                .createNativeQuery("select status, count(*) from import_job group by status").getResultList());
        rows.forEach(row -> read.put((String) row[0], ((Number) row[1]).longValue()));
        return read;
    }
}
