package org.shahed.casualty.ingest;

import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jboss.logging.Logger;
import org.shahed.casualty.CasualtyConfig;
import org.shahed.casualty.counts.IncidentCounts;
import org.shahed.casualty.record.BulkCasualties;
import org.shahed.casualty.record.CasualtyInput;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.ws.rs.WebApplicationException;

/**
 * Runs import jobs, one at a time per replica, reading the file as a stream: rows are checked one by one, good
 * ones written in batches (each batch one transaction, with the job's progress and the touched incidents' counts),
 * bad ones recorded with their row number, field and reason. A bad row never stops the good ones. A batch is
 * drafted while the ones before it are written, and a few are written at once, committing in file order.
 *
 * <p>Each replica claims jobs nobody holds ({@link ImportClaims}); a job whose replica stopped or died is resumed,
 * by whichever replica claims it next, after its last committed batch.
 *
 * <p>A dry run does all of it, every check against the stored records included, in transactions that are rolled
 * back: only the job's counts and the rows' errors are kept. Its batches go one at a time, so that its progress is
 * recorded in file order; each batch is checked against the stored records, not against the batches before it.
 */
@ApplicationScoped
public class ImportWorker {
    private static final Logger LOG = Logger.getLogger(ImportWorker.class);

    @Inject
    BulkCasualties bulk;
    @Inject
    IncidentCounts counts;
    @Inject
    RowChecks checks;
    @Inject
    ImportFiles files;
    @Inject
    ImportClaims claims;
    @Inject
    ObjectMapper json;
    @Inject
    MeterRegistry metrics;
    @Inject
    CasualtyConfig settings;

    @Inject
    jakarta.persistence.EntityManager entityManager;

    private ExecutorService executor;
    private ExecutorService drafting;
    private ExecutorService writers;
    private ScheduledExecutorService timers;
    private final AtomicBoolean running = new AtomicBoolean();
    private volatile boolean stopping;

    void onStart(@Observes StartupEvent startup) {
        executor = Executors.newSingleThreadExecutor(named("casualty-import"));
        writers = Executors.newFixedThreadPool(settings.imports().writers(), named("casualty-import-write"));
        drafting = Executors.newSingleThreadExecutor(named("casualty-import-draft"));
        timers = Executors.newSingleThreadScheduledExecutor(named("casualty-import-claims"));
        long poll = settings.imports().pollInterval().toMillis();
        timers.scheduleWithFixedDelay(this::lookForWork, 0, poll, TimeUnit.MILLISECONDS);
        long renew = Math.max(1, settings.imports().lease().toMillis() / 3);
        timers.scheduleWithFixedDelay(this::renewLeases, renew, renew, TimeUnit.MILLISECONDS);
    }

    private static ThreadFactory named(String name) {
        return r -> {
            Thread thread = new Thread(r, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    void onStop(@Observes ShutdownEvent shutdown) {
        stopping = true;
        timers.shutdownNow();
        drafting.shutdownNow();
        executor.shutdownNow();
        writers.shutdownNow();
        try {
            // Batches being written get time to commit, and the job thread to give its job up for another replica.
            executor.awaitTermination(10, TimeUnit.SECONDS);
            writers.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A new job is waiting: look for it now rather than at the next poll. */
    void wakeUp() {
        if (!stopping) {
            timers.execute(this::lookForWork);
        }
    }

    /** When this replica runs no job, claims the next one nobody holds and runs it. */
    private void lookForWork() {
        if (stopping || !running.compareAndSet(false, true)) {
            return;
        }
        try {
            Optional<UUID> job = claims.claimNext();
            if (job.isEmpty()) {
                running.set(false);
                return;
            }
            executor.execute(() -> {
                try {
                    run(job.get());
                } finally {
                    running.set(false);
                }
                wakeUp();
            });
        } catch (RuntimeException e) {
            running.set(false);
            LOG.warnf(e, "Could not look for import jobs; trying again in %s", settings.imports().pollInterval());
        }
    }

    private void renewLeases() {
        try {
            claims.renew();
        } catch (RuntimeException e) {
            LOG.warnf(e, "Could not renew the leases of this replica's import jobs");
        }
    }

    private void run(UUID jobId) {
        ImportJob job = QuarkusTransaction.requiringNew().call(() -> ImportJob.<ImportJob>findById(jobId));
        // Batches are written by several transactions at once (each waits for the one before it only where
        // they contend, see BatchTurn), and the batch after them is read and drafted meanwhile.
        Deque<Future<?>> writing = new ArrayDeque<>();
        Exception failure = null;
        try (InputStream file = files.open(jobId); ImportRows.CountingStream in = new ImportRows.CountingStream(file)) {
            Iterator<ImportRows.Row> rows = ImportRows.of(job.format, in, json);
            long skip = job.rowsRead;
            Future<Drafted> drafted = drafting.submit(() -> readAndDraft(rows, skip, in, job.createdBy, job.organisation));
            BatchTurn turn = BatchTurn.first();
            int concurrentWrites = job.dryRun ? 1 : settings.imports().writers();
            while (true) {
                Drafted batch = drafted.get();
                if (batch.rowNumbers().length == 0) {
                    break;
                }
                drafted = drafting.submit(() -> readAndDraft(rows, skip, in, job.createdBy, job.organisation));
                BatchTurn batchTurn = turn;
                writing.add(writers.submit(() -> write(jobId, job.dryRun, batch, batchTurn)));
                turn = turn.next();
                if (writing.size() == concurrentWrites) {
                    writing.removeFirst().get();
                }
            }
        } catch (Exception e) {
            failure = e;
        }
        // Later batches give up when an earlier one failed; the first failure is the job's.
        while (!writing.isEmpty()) {
            try {
                writing.removeFirst().get();
            } catch (Exception e) {
                failure = failure == null ? e : failure;
            }
        }
        Throwable cause = failure instanceof ExecutionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause == null) {
            refreshStatistics(jobId);
            claims.finish(jobId, "completed", null);
        } else if (cause instanceof ImportClaims.ClaimLost) {
            LOG.warnf("Import %s: stopped here, %s", jobId, cause.getMessage());
        } else if (stopping) {
            // Not the job's fault: the replica is stopping. Another one (or this one, started again) resumes it.
            LOG.infof("Import %s: given up for another replica to resume after row %d", jobId, rowsCommitted(jobId));
            claims.release(jobId);
        } else {
            LOG.errorf(cause, "Import %s failed", jobId);
            claims.finish(jobId, "failed", cause.getMessage() == null ? cause.toString() : cause.getMessage());
        }
    }

    private static long rowsCommitted(UUID jobId) {
        return QuarkusTransaction.requiringNew().call(() -> ImportJob.<ImportJob>findById(jobId).rowsRead);
    }

    /**
     * A batch of rows made ready to write: per row its number and errors so far, and the draft of the readable
     * ones (the rows themselves are not kept: a batch waits to be written, and the less it holds the less the
     * garbage collector copies).
     */
    record Drafted(long[] rowNumbers, String[] externalIds, List<List<RowError>> errors, List<Integer> draftedRows,
            BulkCasualties.Draft draft, long bytesRead) {
    }

    /** Reads the next batch of rows after {@code skip} (those a resumed job has written already) and drafts it. */
    private Drafted readAndDraft(Iterator<ImportRows.Row> rows, long skip, ImportRows.CountingStream in, String by, String organisation) {
        List<ImportRows.Row> batch = new ArrayList<>(settings.imports().batchSize());
        while (batch.size() < settings.imports().batchSize() && rows.hasNext()) {
            ImportRows.Row row = rows.next();
            if (row.number() > skip) {
                batch.add(row);
            }
        }
        return draft(batch, in.count(), by, organisation);
    }

    private Drafted draft(List<ImportRows.Row> batch, long bytesRead, String by, String organisation) {
        List<List<RowError>> errors = new ArrayList<>(batch.size());
        List<CasualtyInput> inputs = new ArrayList<>();
        List<Integer> draftedRows = new ArrayList<>();
        String[] externalIds = new String[batch.size()];
        for (int i = 0; i < batch.size(); i++) {
            List<RowError> rowErrors = new ArrayList<>();
            CasualtyInput input = checks.read(batch.get(i), rowErrors);
            errors.add(rowErrors);
            externalIds[i] = batch.get(i).externalId() != null ? batch.get(i).externalId()
                    : input != null ? input.externalId() : null;
            if (input != null && rowErrors.isEmpty()) {
                inputs.add(input);
                draftedRows.add(i);
            }
        }
        long[] rowNumbers = batch.stream().mapToLong(ImportRows.Row::number).toArray();
        return new Drafted(rowNumbers, externalIds, errors, draftedRows, bulk.draft(inputs, by, organisation), bytesRead);
    }

    /**
     * Writes a drafted batch in one transaction, with the touched incidents' counts and the job's progress, taking
     * its turns after the batch before it.
     */
    private void write(UUID jobId, boolean dryRun, Drafted drafted, BatchTurn turn) {
        try {
            if (dryRun) {
                BulkCasualties.Written written;
                try {
                    QuarkusTransaction.requiringNew().timeout(600).run(() -> {
                        throw new RolledBack(bulk.write(drafted.draft(), new HashSet<>(), turn));
                    });
                    throw new IllegalStateException("a dry run's transaction was not rolled back");
                } catch (RolledBack checked) {
                    written = checked.written;
                }
                BulkCasualties.Written would = written;
                long rejected = QuarkusTransaction.requiringNew().call(() -> record(jobId, drafted, would));
                countRows(true, drafted.rowNumbers().length - rejected, rejected);
            } else {
                long rejected = QuarkusTransaction.requiringNew().timeout(600).call(() -> {
                    Set<UUID> touched = new HashSet<>();
                    BulkCasualties.Written written = bulk.write(drafted.draft(), touched, turn);
                    counts.refresh(touched);
                    return record(jobId, drafted, written);
                });
                countRows(false, drafted.rowNumbers().length - rejected, rejected);
            }
            turn.ended(null);
        } catch (RuntimeException | Error e) {
            turn.ended(e); // later batches must not wait for a turn this one will never give
            throw e;
        }
    }

    /** Carries a dry run's outcome out of its transaction, which throwing it rolls back. */
    private static final class RolledBack extends RuntimeException {
        final transient BulkCasualties.Written written;

        RolledBack(BulkCasualties.Written written) {
            super(null, null, false, false);
            this.written = written;
        }
    }

    /** Rows of committed batches, for the metrics (dry runs apart). */
    private void countRows(boolean dryRun, long accepted, long rejected) {
        metrics.counter("shahed.imports.rows", "outcome", "accepted", "dry_run", String.valueOf(dryRun)).increment(accepted);
        metrics.counter("shahed.imports.rows", "outcome", "rejected", "dry_run", String.valueOf(dryRun)).increment(rejected);
    }

    /** The batch's rows' errors and the job's progress and counts, in the caller's transaction; the rows rejected. */
    private long record(UUID jobId, Drafted drafted, BulkCasualties.Written written) {
        List<List<RowError>> errors = drafted.errors();
        ImportJob job = claims.held(jobId);
        boolean csv = "csv".equals(job.format);
        List<WebApplicationException> refusals = written.refusals();
        for (int k = 0; k < refusals.size(); k++) {
            if (refusals.get(k) != null) {
                errors.get(drafted.draftedRows().get(k)).addAll(RowChecks.rowErrors(refusals.get(k)));
            } else if (written.effects().get(k) != null) {
                switch (written.effects().get(k)) {
                    case CREATED -> job.rowsCreated++;
                    case UPDATED -> job.rowsUpdated++;
                    case UNCHANGED -> job.rowsUnchanged++;
                }
            }
        }
        long[] rows = drafted.rowNumbers();
        long rejected = 0;
        for (int i = 0; i < rows.length; i++) {
            if (errors.get(i).isEmpty()) {
                continue;
            }
            rejected++;
            Set<String> fields = new HashSet<>();
            for (RowError error : errors.get(i)) {
                String field = error.field() == null ? "" : error.field();
                if (fields.add(field)) {
                    ImportError rejectedRow = new ImportError();
                    rejectedRow.jobId = jobId;
                    rejectedRow.rowNumber = rows[i];
                    rejectedRow.externalId = drafted.externalIds()[i];
                    rejectedRow.field = csv ? CsvColumns.columnOf(field) : field;
                    rejectedRow.reason = error.reason();
                    rejectedRow.persist();
                }
            }
        }
        if (rows.length > 0) {
            job.rowsRead = rows[rows.length - 1];
        }
        job.rowsAccepted += rows.length - rejected;
        job.rowsRejected += rejected;
        job.bytesRead = drafted.bytesRead();
        return rejected;
    }

    /** ANALYZE after a large import (see {@link CasualtyConfig.Imports#analyzeAfterRows()}); a failure only logs. */
    private void refreshStatistics(UUID jobId) {
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                ImportJob job = entityManager.find(ImportJob.class, jobId);
                if (!job.dryRun && job.rowsCreated >= settings.imports().analyzeAfterRows()) {
                    entityManager.createNativeQuery("analyze casualty").executeUpdate();
                }
            });
        } catch (RuntimeException e) {
            LOG.warnf(e, "Import %s: the table's statistics were not refreshed; autovacuum will", jobId);
        }
    }
}
