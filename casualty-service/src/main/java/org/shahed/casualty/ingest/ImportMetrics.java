package org.shahed.casualty.ingest;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
    private static final Duration FRESH_FOR = Duration.ofSeconds(5);

    @Inject
    EntityManager entityManager;
    @Inject
    MeterRegistry metrics;

    private volatile Map<String, Long> byState = Map.of();
    private volatile Instant readAt = Instant.EPOCH;

    void onStart(@Observes StartupEvent startup) {
        for (String state : STATES) {
            Gauge.builder("shahed.imports.jobs", this, imports -> imports.count(state)).tag("state", state)
                    .description("Import jobs in each state").register(metrics);
        }
    }

    private double count(String state) {
        if (Instant.now().isAfter(readAt.plus(FRESH_FOR))) {
            Map<String, Long> read = new HashMap<>();
            @SuppressWarnings("unchecked")
            List<Object[]> rows = QuarkusTransaction.requiringNew().call(() -> entityManager
                    .createNativeQuery("select status, count(*) from import_job group by status").getResultList());
            rows.forEach(row -> read.put((String) row[0], ((Number) row[1]).longValue()));
            byState = read;
            readAt = Instant.now();
        }
        return byState.getOrDefault(state, 0L);
    }
}
