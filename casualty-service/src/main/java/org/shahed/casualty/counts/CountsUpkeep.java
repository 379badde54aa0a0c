package org.shahed.casualty.counts;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.jboss.logging.Logger;
import org.shahed.casualty.CasualtyConfig;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

/**
 * What writers leave for after their commit, so that they never wait for each other on a shared row: the counts of
 * incidents noted due ({@link IncidentCounts#markDue}) are recounted, and the rollup's pending changes are folded
 * into its cells. Woken by each commit that noted counts due, and every {@code shahed.casualty.counts.upkeep-every}
 * for what other replicas left. Several replicas may recount at once (each takes other notes); one folds at a time.
 */
@ApplicationScoped
public class CountsUpkeep {
    private static final Logger LOG = Logger.getLogger(CountsUpkeep.class);
    /** Notes taken per transaction. */
    private static final int BATCH = 500;

    @Inject
    IncidentCounts counts;
    @Inject
    EntityManager entityManager;
    @Inject
    CasualtyConfig config;
    @Inject
    MeterRegistry metrics;

    private final Semaphore wakeUps = new Semaphore(0);
    private volatile boolean running;
    private Thread worker;
    private Counter noted;
    private Counter failures;

    void onStart(@Observes StartupEvent startup) {
        noted = Counter.builder("shahed.casualty.counts.recounted")
                .description("Notes of incident counts due that the upkeep recounted").register(metrics);
        failures = Counter.builder("shahed.casualty.counts.upkeep.failures")
                .description("Upkeep passes that failed and are tried again").register(metrics);
        running = true;
        worker = new Thread(this::run, "counts-upkeep");
        worker.setDaemon(true);
        worker.start();
    }

    void onStop(@Observes ShutdownEvent shutdown) {
        running = false;
        wakeUps.release();
        try {
            worker.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** After a commit that noted counts due. */
    void wakeUp() {
        wakeUps.release();
    }

    /** Whether the upkeep's thread runs (false once the service is stopping). */
    public boolean alive() {
        return !running || worker.isAlive();
    }

    /** Recounts every incident noted due and folds the rollup's pending changes, until none are left. */
    public void catchUp() {
        int taken;
        do {
            taken = QuarkusTransaction.requiringNew().call(() -> counts.refreshDue(BATCH));
            noted.increment(taken);
        } while (taken == BATCH);
        QuarkusTransaction.requiringNew().run(this::fold);
    }

    /**
     * Moves the pending changes into the rollup's cells in one statement, so that a reader of casualty_rollup_now
     * counts each once; skipped while another replica folds (which then takes these too, or its next pass will).
     */
    private void fold() {
        boolean alone = (Boolean) entityManager.createNativeQuery(
                "select pg_try_advisory_xact_lock(hashtextextended('casualty-rollup-fold', 0))").getSingleResult();
        if (!alone) {
            return;
        }
        entityManager.createNativeQuery("""
                with moved as (delete from casualty_rollup_pending returning *)
                insert into casualty_rollup as cell
                select incident_id, month, governorate, outcome, sex, age_group, civilian_status, sum(n) from moved
                group by 1, 2, 3, 4, 5, 6, 7 having sum(n) <> 0
                order by 1, 2, 3, 4, 5, 6, 7
                on conflict (coalesce(incident_id, '00000000-0000-0000-0000-000000000000'),
                             coalesce(month, date '0001-01-01'), coalesce(governorate, ''), outcome, sex, age_group,
                             civilian_status)
                do update set n = cell.n + excluded.n""").executeUpdate();
    }

    private void run() {
        while (running) {
            try {
                wakeUps.tryAcquire(config.counts().upkeepEvery().toMillis(), TimeUnit.MILLISECONDS);
                wakeUps.drainPermits();
                if (running) {
                    catchUp();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // The notes and pending changes stay in their tables: the next pass takes them again.
                failures.increment();
                LOG.warnf(e, "Counts upkeep failed; trying again in %s", config.counts().upkeepEvery());
            }
        }
    }
}
