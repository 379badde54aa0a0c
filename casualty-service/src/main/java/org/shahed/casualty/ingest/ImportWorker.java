package org.shahed.casualty.ingest;

import java.io.BufferedReader;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.jboss.logging.Logger;
import org.shahed.casualty.counts.IncidentCounts;
import org.shahed.casualty.record.Casualties;
import org.shahed.casualty.record.CasualtyInput;
import org.shahed.platform.web.JsonPaths;
import org.shahed.platform.web.Problem;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import jakarta.ws.rs.WebApplicationException;

/**
 * Runs import jobs one at a time, reading the file as a stream: rows are checked one by one, good ones written in
 * batches (each batch one transaction, with the job's progress and the touched incidents' counts), bad ones
 * recorded with their row number, field and reason. A bad row never stops the good ones. A job interrupted by a
 * restart resumes after its last committed batch.
 */
@ApplicationScoped
public class ImportWorker {
    private static final Logger LOG = Logger.getLogger(ImportWorker.class);

    @Inject
    Casualties casualties;
    @Inject
    IncidentCounts counts;
    @Inject
    Validator validator;
    @Inject
    ObjectMapper json;
    @Inject
    ImportConfig config;
    @Inject
    EntityManager entityManager;

    private ExecutorService executor;

    void onStart(@Observes StartupEvent startup) {
        executor = Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "casualty-import");
            thread.setDaemon(true);
            return thread;
        });
        List<UUID> unfinished = QuarkusTransaction.requiringNew().call(() -> ImportJob.<ImportJob>list(
                "status in ('queued', 'running') order by createdAt").stream().map(job -> job.id).toList());
        unfinished.forEach(this::submit);
    }

    void onStop(@Observes ShutdownEvent shutdown) {
        executor.shutdownNow();
        try {
            executor.awaitTermination(10, TimeUnit.SECONDS);
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
        try (CountingStream in = new CountingStream(Files.newInputStream(Path.of(job.filePath)))) {
            Iterator<Row> rows = "csv".equals(job.format) ? csvRows(in) : ndjsonRows(in);
            long skip = job.rowsRead;
            List<Row> batch = new ArrayList<>();
            while (rows.hasNext()) {
                Row row = rows.next();
                if (row.number() <= skip) {
                    continue;
                }
                batch.add(row);
                if (batch.size() == config.batchSize()) {
                    write(jobId, batch, in.count());
                    batch.clear();
                }
            }
            write(jobId, batch, in.count());
            finish(jobId, "completed", null);
            Files.deleteIfExists(Path.of(job.filePath));
        } catch (Exception e) {
            LOG.errorf(e, "Import %s failed", jobId);
            finish(jobId, "failed", e.getMessage() == null ? e.toString() : e.getMessage());
        }
    }

    /** One row of the file: its number (1 = first data row) and its JSON, or why it could not even be read. */
    record Row(long number, JsonNode json, String unreadable) {
    }

    private void write(UUID jobId, List<Row> batch, long bytesRead) {
        QuarkusTransaction.requiringNew().timeout(600).run(() -> {
            String by = ImportJob.<ImportJob>findById(jobId).createdBy;
            boolean csv = "csv".equals(ImportJob.<ImportJob>findById(jobId).format);
            Set<UUID> touched = new HashSet<>();
            long accepted = 0;
            long rejected = 0;
            for (Row row : batch) {
                List<RowError> errors = ingest(row, by, touched);
                if (errors.isEmpty()) {
                    accepted++;
                } else {
                    rejected++;
                    Set<String> fields = new HashSet<>();
                    for (RowError error : errors) {
                        String field = error.field() == null ? "" : error.field();
                        if (fields.add(field)) {
                            ImportError rejectedRow = new ImportError();
                            rejectedRow.jobId = jobId;
                            rejectedRow.rowNumber = row.number();
                            rejectedRow.field = csv ? CsvColumns.columnOf(field) : field;
                            rejectedRow.reason = error.reason();
                            rejectedRow.persist();
                        }
                    }
                }
                // Keep the persistence context small: every query flushes it, and a full one makes that slow.
                entityManager.flush();
                entityManager.clear();
            }
            counts.refresh(touched);
            ImportJob job = ImportJob.findById(jobId);
            if (!batch.isEmpty()) {
                job.rowsRead = batch.get(batch.size() - 1).number();
            }
            job.rowsAccepted += accepted;
            job.rowsRejected += rejected;
            job.bytesRead = bytesRead;
        });
    }

    private List<RowError> ingest(Row row, String by, Set<UUID> touched) {
        if (row.unreadable() != null) {
            return List.of(new RowError("", row.unreadable()));
        }
        CasualtyInput input;
        try {
            input = json.treeToValue(row.json(), CasualtyInput.class);
        } catch (JsonMappingException e) {
            return List.of(new RowError(JsonPaths.of(e), reason(e)));
        } catch (IOException e) {
            return List.of(new RowError("", e.getMessage()));
        }
        List<RowError> violations = new ArrayList<>();
        for (ConstraintViolation<CasualtyInput> violation : validator.validate(input)) {
            violations.add(new RowError(violation.getPropertyPath().toString(), violation.getMessage()));
        }
        if (!violations.isEmpty()) {
            return violations;
        }
        try {
            casualties.ingest(input, by, touched);
            return List.of();
        } catch (WebApplicationException e) {
            if (e.getResponse().getEntity() instanceof Problem problem && problem.violations() != null
                    && !problem.violations().isEmpty()) {
                return problem.violations().stream().map(v -> new RowError(v.field(), v.message())).toList();
            }
            Object entity = e.getResponse().getEntity();
            return List.of(new RowError("", entity instanceof Problem p ? p.detail() : e.getMessage()));
        }
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
                .parse(new InputStreamReader(in, StandardCharsets.UTF_8));
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
                    return new Row(number, null, "expected " + parser.getHeaderNames().size() + " cells, found " + record.size());
                }
                Map<String, String> cells = new LinkedHashMap<>();
                parser.getHeaderNames().forEach(column -> cells.put(column, record.get(column)));
                return new Row(number, CsvColumns.toJson(json, cells), null);
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
                try {
                    return new Row(number, json.readTree(line), null);
                } catch (IOException e) {
                    return new Row(number, null, "not a JSON object: " + (e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getOriginalMessage() : e.getMessage()));
                }
            }
        };
    }

    private static String reason(JsonMappingException e) {
        if (e instanceof com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException) {
            return "unknown field";
        }
        String message = e.getOriginalMessage();
        return message == null ? "invalid value" : message.split("\n")[0];
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
