package org.shahed.casualty.ingest;

import java.io.BufferedReader;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.lang.annotation.ElementType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.hibernate.validator.HibernateValidatorFactory;
import org.jboss.logging.Logger;
import org.shahed.casualty.counts.IncidentCounts;
import org.shahed.casualty.record.BulkCasualties;
import org.shahed.casualty.record.CasualtyInput;
import org.shahed.platform.web.JsonPaths;
import org.shahed.platform.web.Problem;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.util.TokenBuffer;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.TraversableResolver;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import jakarta.ws.rs.WebApplicationException;

/**
 * Runs import jobs one at a time, reading the file as a stream: rows are checked one by one, good ones written in
 * batches (each batch one transaction, with the job's progress and the touched incidents' counts), bad ones
 * recorded with their row number, field and reason. A bad row never stops the good ones. A batch is drafted while
 * the ones before it are written, and a few are written at once, committing in file order; a job interrupted by a
 * restart resumes after its last committed batch.
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
    ValidatorFactory validators;
    @Inject
    ObjectMapper json;
    @Inject
    ImportConfig config;

    private Validator validator;
    private RowProblems problems;
    private ObjectReader inputs;
    private ExecutorService executor;
    private ExecutorService drafting;
    private ExecutorService writers;

    void onStart(@Observes StartupEvent startup) {
        // Rows are plain input records, never JPA entities: asking JPA whether each property is loaded (the
        // default resolver, with Hibernate ORM present), and caching the answers, is wasted work on every row.
        validator = validators.unwrap(HibernateValidatorFactory.class).usingContext()
                .traversableResolver(new EverythingReachable()).enableTraversableResolverResultCache(false)
                .getValidator();
        problems = new RowProblems(json);
        inputs = json.readerFor(CasualtyInput.class).withHandler(problems);
        executor = singleThread("casualty-import");
        writers = Executors.newFixedThreadPool(config.writers(), named("casualty-import-write"));
        drafting = singleThread("casualty-import-draft");
        List<UUID> unfinished = QuarkusTransaction.requiringNew().call(() -> ImportJob.<ImportJob>list(
                "status in ('queued', 'running') order by createdAt").stream().map(job -> job.id).toList());
        unfinished.forEach(this::submit);
    }

    private static ExecutorService singleThread(String name) {
        return Executors.newSingleThreadExecutor(named(name));
    }

    private static ThreadFactory named(String name) {
        return r -> {
            Thread thread = new Thread(r, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    void onStop(@Observes ShutdownEvent shutdown) {
        drafting.shutdownNow();
        executor.shutdownNow();
        writers.shutdownNow();
        try {
            // Batches being written get time to commit, like the job thread itself.
            executor.awaitTermination(10, TimeUnit.SECONDS);
            writers.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    void submit(UUID jobId) {
        executor.submit(() -> run(jobId));
    }

    private void run(UUID jobId) {
        ImportJob job = QuarkusTransaction.requiringNew().call(() -> {
            ImportJob found = ImportJob.findById(jobId);
            found.status = "running";
            if (found.startedAt == null) {
                found.startedAt = Instant.now();
            }
            return found;
        });
        // Batches are written by several transactions at once (each waits for the one before it only where
        // they contend, see BatchTurn), and the batch after them is read and drafted meanwhile.
        Deque<Future<?>> writing = new ArrayDeque<>();
        Exception failure = null;
        try (CountingStream in = new CountingStream(Files.newInputStream(Path.of(job.filePath)))) {
            Iterator<Row> rows = "csv".equals(job.format) ? csvRows(in) : ndjsonRows(in);
            long skip = job.rowsRead;
            Future<Drafted> drafted = drafting.submit(() -> readAndDraft(rows, skip, in, job.createdBy, job.organisation));
            BatchTurn turn = BatchTurn.first();
            int concurrentWrites = job.dryRun ? 1 : config.writers();
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
        if (failure == null) {
            finish(jobId, "completed", null);
            try {
                Files.deleteIfExists(Path.of(job.filePath));
            } catch (IOException e) {
                LOG.warnf(e, "Import %s: could not delete its file", jobId);
            }
        } else {
            Throwable cause = failure instanceof ExecutionException && failure.getCause() != null ? failure.getCause() : failure;
            LOG.errorf(cause, "Import %s failed", jobId);
            finish(jobId, "failed", cause.getMessage() == null ? cause.toString() : cause.getMessage());
        }
    }

    /**
     * One row of the file: its number (1 = first data row) and its record's JSON tokens, or why it could not even
     * be read.
     */
    record Row(long number, TokenBuffer record, String unreadable, String externalId) {
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
    private Drafted readAndDraft(Iterator<Row> rows, long skip, CountingStream in, String by, String organisation) {
        List<Row> batch = new ArrayList<>(config.batchSize());
        while (batch.size() < config.batchSize() && rows.hasNext()) {
            Row row = rows.next();
            if (row.number() > skip) {
                batch.add(row);
            }
        }
        return draft(batch, in.count(), by, organisation);
    }

    private Drafted draft(List<Row> batch, long bytesRead, String by, String organisation) {
        List<List<RowError>> errors = new ArrayList<>(batch.size());
        List<CasualtyInput> inputs = new ArrayList<>();
        List<Integer> draftedRows = new ArrayList<>();
        String[] externalIds = new String[batch.size()];
        for (int i = 0; i < batch.size(); i++) {
            List<RowError> rowErrors = new ArrayList<>();
            CasualtyInput input = read(batch.get(i), rowErrors);
            errors.add(rowErrors);
            externalIds[i] = batch.get(i).externalId() != null ? batch.get(i).externalId()
                    : input != null ? input.externalId() : null;
            if (input != null && rowErrors.isEmpty()) {
                inputs.add(input);
                draftedRows.add(i);
            }
        }
        long[] rowNumbers = batch.stream().mapToLong(Row::number).toArray();
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
                QuarkusTransaction.requiringNew().run(() -> record(jobId, drafted, would));
            } else {
                QuarkusTransaction.requiringNew().timeout(600).run(() -> {
                    Set<UUID> touched = new HashSet<>();
                    BulkCasualties.Written written = bulk.write(drafted.draft(), touched, turn);
                    counts.refresh(touched);
                    record(jobId, drafted, written);
                });
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

    /** The batch's rows' errors and the job's progress and counts, in the caller's transaction. */
    private void record(UUID jobId, Drafted drafted, BulkCasualties.Written written) {
        List<List<RowError>> errors = drafted.errors();
        ImportJob job = ImportJob.findById(jobId);
        boolean csv = "csv".equals(job.format);
        List<WebApplicationException> refusals = written.refusals();
        for (int k = 0; k < refusals.size(); k++) {
            if (refusals.get(k) != null) {
                errors.get(drafted.draftedRows().get(k)).addAll(rowErrors(refusals.get(k)));
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
    }

    /** The row as a record (null when it cannot be read as one), with {@code errors} saying what is wrong with it. */
    private CasualtyInput read(Row row, List<RowError> errors) {
        if (row.unreadable() != null) {
            errors.add(new RowError("", row.unreadable()));
            return null;
        }
        CasualtyInput input;
        try {
            // Values that do not fit are noted in errors and left empty, so that the row's other checks run too.
            input = inputs.withAttribute(RowProblems.ATTRIBUTE, errors).readValue(row.record().asParser());
        } catch (JsonMappingException e) {
            errors.add(new RowError(JsonPaths.of(e), reason(e)));
            return null;
        } catch (IOException e) {
            errors.add(new RowError("", e.getMessage()));
            return null;
        }
        if (input == null) {
            errors.add(new RowError("", "not a record"));
            return null;
        }
        for (ConstraintViolation<CasualtyInput> violation : validator.validate(input)) {
            errors.add(new RowError(violation.getPropertyPath().toString(), violation.getMessage()));
        }
        return errors.isEmpty() ? input : null;
    }

    private static List<RowError> rowErrors(WebApplicationException refusal) {
        Object entity = refusal.getResponse().getEntity();
        if (entity instanceof Problem problem && problem.violations() != null && !problem.violations().isEmpty()) {
            return problem.violations().stream().map(v -> new RowError(v.field(), v.message())).toList();
        }
        return List.of(new RowError("", entity instanceof Problem p ? p.detail() : refusal.getMessage()));
    }

    private void finish(UUID jobId, String status, String failure) {
        QuarkusTransaction.requiringNew().run(() -> {
            ImportJob job = ImportJob.findById(jobId);
            job.status = status;
            job.failure = failure;
            job.finishedAt = Instant.now();
            if ("completed".equals(status)) {
                job.bytesRead = job.bytesTotal;
            }
        });
    }

    private Iterator<Row> csvRows(InputStream in) throws IOException {
        CSVParser parser = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).setTrim(true).get()
                .parse(CsvColumns.withoutByteOrderMark(new InputStreamReader(in, StandardCharsets.UTF_8)));
        CsvColumns.Layout layout = new CsvColumns.Layout(parser.getHeaderNames());
        int externalIdColumn = parser.getHeaderNames().indexOf("external_id");
        Iterator<CSVRecord> records = parser.iterator();
        return new Iterator<>() {
            long number;

            @Override
            public boolean hasNext() {
                return records.hasNext();
            }

            @Override
            public Row next() {
                CSVRecord record = records.next();
                number++;
                if (!record.isConsistent()) {
                    return new Row(number, null, "expected " + parser.getHeaderNames().size() + " cells, found " + record.size(),
                            externalIdColumn >= 0 && externalIdColumn < record.size() ? record.get(externalIdColumn) : null);
                }
                TokenBuffer tokens = new TokenBuffer(json, false);
                try {
                    layout.write(record, tokens);
                } catch (IOException e) {
                    throw new UncheckedIOException(e); // a token buffer is memory: it does not fail to be written
                }
                return new Row(number, tokens, null, externalIdColumn < 0 ? null : record.get(externalIdColumn));
            }
        };
    }

    private Iterator<Row> ndjsonRows(InputStream in) {
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        Iterator<String> lines = reader.lines().filter(line -> !line.isBlank()).iterator();
        return new Iterator<>() {
            long number;

            @Override
            public boolean hasNext() {
                return lines.hasNext();
            }

            @Override
            public Row next() {
                String line = lines.next();
                number++;
                // A buffer of its own, not one read as a value: that one keeps the reading parser's context, and
                // the paths of the row's problems would start inside it.
                try (JsonParser parser = json.createParser(line)) {
                    TokenBuffer tokens = new TokenBuffer(json, false);
                    if (parser.nextToken() == null) {
                        throw new IOException("empty line");
                    }
                    tokens.copyCurrentStructure(parser);
                    if (parser.nextToken() != null) {
                        throw new IOException("more than one value on the line");
                    }
                    return new Row(number, tokens, null, null);
                } catch (IOException e) {
                    return new Row(number, null, "not a JSON object: " + (e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage()), null);
                }
            }
        };
    }

    private String reason(JsonMappingException e) {
        if (e instanceof UnrecognizedPropertyException) {
            return "unknown field";
        }
        if (e instanceof InvalidFormatException invalid) {
            // In the file's terms: the value as written and what is accepted, not a Java type.
            return "'" + invalid.getValue() + "' is not a valid value" + problems.accepted(invalid.getTargetType());
        }
        String message = e.getOriginalMessage();
        return message == null ? "invalid value" : message.split("\n")[0];
    }

    private static final class EverythingReachable implements TraversableResolver {
        @Override
        public boolean isReachable(Object object, jakarta.validation.Path.Node property, Class<?> rootType,
                jakarta.validation.Path path, ElementType elementType) {
            return true;
        }

        @Override
        public boolean isCascadable(Object object, jakarta.validation.Path.Node property, Class<?> rootType,
                jakarta.validation.Path path, ElementType elementType) {
            return true;
        }
    }

    /** Counts the bytes read, for the job's progress. */
    private static final class CountingStream extends FilterInputStream {
        private long count;

        CountingStream(InputStream in) {
            super(in);
        }

        long count() {
            return count;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count += n;
            }
            return n;
        }
    }
}
