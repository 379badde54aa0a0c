package org.shahed.casualty.dedupe;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.jboss.logging.Logger;
import org.shahed.casualty.record.Casualty;
import org.shahed.casualty.record.CasualtyMapper;
import org.shahed.platform.store.SoleRunner;

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
 * Keys records written under older matching rules again ({@link NameKeys#VERSION}: their blocking keys, and the
 * names scoring reads), in the background after a start,
 * so that an upgrade's new blocking keys reach every record without a migration that would have to run the rules in
 * SQL. One replica at a time; a batch is one short transaction; the record itself, its version and its change feed
 * are untouched (keys are derived, not data). Until a pass has ended, older records are found by the older keys only.
 */
@ApplicationScoped
public class Rekeying {
    private static final Logger LOG = Logger.getLogger(Rekeying.class);
    private static final int BATCH = 500;
    private static final Duration RETRY = Duration.ofMinutes(1);

    @Inject
    EntityManager entityManager;
    @Inject
    CasualtyMapper mapper;
    @Inject
    SoleRunner soleRunner;
    @Inject
    MeterRegistry metrics;

    private ScheduledExecutorService timer;
    private Counter rekeyed;

    void onStart(@Observes StartupEvent startup) {
        rekeyed = Counter.builder("shahed.casualty.rekeyed").description("Records keyed again under new matching rules")
                .register(metrics);
        timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "rekeying");
            thread.setDaemon(true);
            return thread;
        });
        timer.schedule(this::passOrRetry, 1, TimeUnit.SECONDS);
    }

    void onStop(@Observes ShutdownEvent shutdown) {
        timer.shutdownNow();
    }

    private void passOrRetry() {
        try {
            if (soleRunner.runAlone("casualty-rekeying", this::rekeyAll)) {
                return;
            }
        } catch (RuntimeException e) {
            LOG.warnf(e, "Rekeying: could not key records again; trying again in %s", RETRY);
        }
        timer.schedule(this::passOrRetry, RETRY.toSeconds(), TimeUnit.SECONDS);
    }

    /** Keys again every record whose keys are older than the rules; the number of records keyed. */
    public long rekeyAll() {
        long total = 0;
        UUID after = new UUID(0, 0); // the smallest id in PostgreSQL's (unsigned) order
        while (!Thread.currentThread().isInterrupted()) {
            UUID from = after;
            Batch batch = QuarkusTransaction.requiringNew().call(() -> rekeyBatch(from));
            if (batch.keyed() == 0) {
                break;
            }
            total += batch.keyed();
            after = batch.last();
        }
        if (total > 0) {
            LOG.infof("Rekeying: %d records keyed under matching rules %s", total, NameKeys.VERSION);
        }
        return total;
    }

    private record Batch(int keyed, UUID last) {
    }

    @SuppressWarnings("unchecked")
    private Batch rekeyBatch(UUID after) {
        List<Casualty> batch = entityManager.createNativeQuery("""
                select * from casualty where id > :after and not (name_keys @> array[cast(:version as text)])
                order by id limit :batch""", Casualty.class)
                .setParameter("after", after).setParameter("version", NameKeys.VERSION).setParameter("batch", BATCH)
                .getResultList();
        for (Casualty record : batch) {
            var names = mapper.record(record).names();
            String[] keys = NameKeys.keys(names).toArray(String[]::new);
            entityManager.detach(record);
            entityManager.createNativeQuery("""
                    update casualty set name_keys = cast(:keys as text[]), match_names = cast(:names as jsonb)
                    where id = :id""")
                    .setParameter("keys", keys).setParameter("names", mapper.write(names))
                    .setParameter("id", record.id).executeUpdate();
        }
        rekeyed.increment(batch.size());
        return new Batch(batch.size(), batch.isEmpty() ? after : batch.get(batch.size() - 1).id);
    }
}
