package org.shahed.gateway.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

import javax.sql.DataSource;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * Writes the audit log by group commit: one thread takes whatever has queued up while it was committing and
 * writes it in one transaction, then tells each request that its entry is durable. A request's entry is written
 * before the request is answered (see {@link AuditTrail}); how it ended follows as an outcome once the answer has
 * been sent. A database that is down delays the writing (entries wait in the queue and are retried), and so the
 * answers. No entry is ever dropped: a request takes a place in the queue before anything else is done
 * ({@link #reserve}), and while the queue is full (a long database outage, a flood) requests are refused with 503.
 */
@ApplicationScoped
public class AuditLog {
    private static final Logger LOG = Logger.getLogger(AuditLog.class);
    private static final int BATCH = 1000;
    private static final int CAPACITY = 200_000;
    private static final long OUTCOME_LINGER_MILLIS = 200;
    /** Outcomes and entries in one statement; the entries' ids are returned in the order the arrays give them. */
    private static final String INSERT = """
            WITH outcomes AS (
                INSERT INTO audit_outcome (entry_id, at, status, duration_ms)
                SELECT * FROM unnest(?::int8[], ?::timestamptz[], ?::int4[], ?::int4[])
            )
            INSERT INTO audit_entry (at, request_id, subject, api_key_id, roles, client_ip, method, path, query,
                    resource_ids, backend, trace_id)
            SELECT at, request_id, subject, api_key_id, roles::text[], client_ip, method, path, query,
                    resource_ids::uuid[], backend, trace_id
            FROM unnest(?::timestamptz[], ?::text[], ?::text[], ?::uuid[], ?::text[], ?::text[], ?::text[], ?::text[],
                    ?::text[], ?::text[], ?::text[], ?::text[]) WITH ORDINALITY
                AS e (at, request_id, subject, api_key_id, roles, client_ip, method, path, query, resource_ids, backend,
                    trace_id, position)
            ORDER BY position
            RETURNING id""";

    /** What a request asked, and who asked it. */
    public record Entry(Instant at, String requestId, String subject, UUID apiKeyId, List<String> roles, String clientIp,
            String method, String path, String query, List<UUID> resourceIds, String backend, String traceId) {
    }

    /** How the request of a written entry ended. */
    public record Outcome(long entryId, Instant at, int status, int durationMs) {
    }

    /** An entry with whom to tell its id once it is committed, or an outcome. */
    private record Pending(Entry entry, LongConsumer written, Outcome outcome) {
    }

    @Inject
    DataSource dataSource;
    @Inject
    MeterRegistry meters;

    /** Each place holds at most an entry and its outcome. */
    private final BlockingQueue<Pending> queue = new ArrayBlockingQueue<>(2 * CAPACITY);
    /** Places in the queue: taken when a request starts, given back once its outcome is written. */
    private final Semaphore places = new Semaphore(CAPACITY);
    private final AtomicLong refusedSoFar = new AtomicLong();
    private Counter refused;
    private volatile boolean running;
    private Thread writer;

    void start(@Observes StartupEvent event) {
        Gauge.builder("shahed.audit.backlog", queue, BlockingQueue::size)
                .description("Audit entries and outcomes waiting to be written").register(meters);
        refused = Counter.builder("shahed.audit.refused")
                .description("Requests refused (503) because the audit log could not take their entry").register(meters);
        running = true;
        writer = new Thread(this::writeLoop, "audit-log-writer");
        writer.setDaemon(true);
        writer.start();
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        running = false;
        writer.join(TimeUnit.SECONDS.toMillis(10));
    }

    /**
     * Takes a place for a request's entry and outcome; false when the log is too far behind (the request must be
     * refused). Every place taken is given back by exactly one {@link #finish}.
     */
    public boolean reserve() {
        if (places.tryAcquire()) {
            return true;
        }
        refusedBecauseBehind();
        return false;
    }

    /** Counts a request refused because its entry could not be written in time (or had no place). */
    void refusedBecauseBehind() {
        if (refused != null) {
            refused.increment();
        }
        long count = refusedSoFar.incrementAndGet();
        if (count == 1 || count % 10_000 == 0) {
            LOG.errorf("audit log behind: %d requests refused so far (is the gateway's database down?)", count);
        }
    }

    /** Queues the entry of a request that {@link #reserve reserved} its place; {@code written} gets its id. */
    public void record(Entry entry, LongConsumer written) {
        queue.add(new Pending(entry, written, null));
    }

    /** Queues the outcome of a recorded request; its place is given back once it is written. */
    public void finish(Outcome outcome) {
        queue.add(new Pending(null, null, outcome));
    }

    private void writeLoop() {
        List<Pending> batch = new ArrayList<>(BATCH);
        while (running || !queue.isEmpty() || !batch.isEmpty()) {
            try {
                if (batch.isEmpty()) {
                    Pending first = queue.poll(200, TimeUnit.MILLISECONDS);
                    if (first == null) {
                        continue;
                    }
                    batch.add(first);
                    // No waiting for more entries: requests wait for this commit, and whatever queues up meanwhile is
                    // the next batch. Outcomes alone wait a little for an entry to share its commit (a commit per
                    // outcome would double the commits that requests wait behind).
                    queue.drainTo(batch, BATCH - 1);
                    if (running && batch.stream().allMatch(pending -> pending.entry() == null)) {
                        Pending next = queue.poll(OUTCOME_LINGER_MILLIS, TimeUnit.MILLISECONDS);
                        if (next != null) {
                            batch.add(next);
                            queue.drainTo(batch, BATCH - batch.size());
                        }
                    }
                }
                long[] ids = write(batch);
                int outcomes = 0;
                for (int i = 0; i < batch.size(); i++) {
                    Pending pending = batch.get(i);
                    if (pending.entry() != null) {
                        pending.written().accept(ids[i]);
                    } else {
                        outcomes++;
                    }
                }
                places.release(outcomes);
                batch.clear();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (SQLException | RuntimeException e) {
                LOG.warnf("audit log: %d entries and outcomes not written yet, retrying: %s", batch.size(), e.getMessage());
                if (!running) {
                    LOG.errorf("audit log: %d entries and outcomes lost at shutdown", batch.size() + queue.size());
                    return;
                }
                sleepQuietly();
            }
        }
    }

    /**
     * Writes a batch as one statement (so one round trip and one commit): the outcomes, and the entries, whose ids
     * come back in the order given. The ids given to the batch's entries, by position (0 for outcomes).
     */
    private long[] write(List<Pending> batch) throws SQLException {
        List<Entry> entries = new ArrayList<>(batch.size());
        List<Outcome> outcomes = new ArrayList<>();
        for (Pending pending : batch) {
            if (pending.entry() != null) {
                entries.add(pending.entry());
            } else {
                outcomes.add(pending.outcome());
            }
        }
        long[] ids = new long[batch.size()];
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(INSERT)) {
            connection.setAutoCommit(true);
            insert.setArray(1, connection.createArrayOf("int8", outcomes.stream().map(Outcome::entryId).toArray()));
            insert.setArray(2, connection.createArrayOf("timestamptz", outcomes.stream().map(o -> Timestamp.from(o.at())).toArray()));
            insert.setArray(3, connection.createArrayOf("int4", outcomes.stream().map(Outcome::status).toArray()));
            insert.setArray(4, connection.createArrayOf("int4", outcomes.stream().map(Outcome::durationMs).toArray()));
            insert.setArray(5, connection.createArrayOf("timestamptz", entries.stream().map(e -> Timestamp.from(e.at())).toArray()));
            insert.setArray(6, connection.createArrayOf("text", entries.stream().map(Entry::requestId).toArray()));
            insert.setArray(7, connection.createArrayOf("text", entries.stream().map(Entry::subject).toArray()));
            insert.setArray(8, connection.createArrayOf("uuid", entries.stream().map(Entry::apiKeyId).toArray()));
            insert.setArray(9, connection.createArrayOf("text", entries.stream().map(e -> arrayLiteral(e.roles())).toArray()));
            insert.setArray(10, connection.createArrayOf("text", entries.stream().map(Entry::clientIp).toArray()));
            insert.setArray(11, connection.createArrayOf("text", entries.stream().map(Entry::method).toArray()));
            insert.setArray(12, connection.createArrayOf("text", entries.stream().map(Entry::path).toArray()));
            insert.setArray(13, connection.createArrayOf("text", entries.stream().map(Entry::query).toArray()));
            insert.setArray(14, connection.createArrayOf("text", entries.stream().map(e -> arrayLiteral(e.resourceIds())).toArray()));
            insert.setArray(15, connection.createArrayOf("text", entries.stream().map(Entry::backend).toArray()));
            insert.setArray(16, connection.createArrayOf("text", entries.stream().map(Entry::traceId).toArray()));
            try (ResultSet rows = insert.executeQuery()) {
                for (int i = 0; i < batch.size(); i++) {
                    if (batch.get(i).entry() != null) {
                        if (!rows.next()) {
                            throw new SQLException("fewer ids than audit entries were returned");
                        }
                        ids[i] = rows.getLong(1);
                    }
                }
            }
        }
        return ids;
    }

    /** A list as a PostgreSQL array literal; its elements (roles, UUIDs) need no quoting. */
    private static String arrayLiteral(List<?> elements) {
        StringBuilder literal = new StringBuilder("{");
        for (Object element : elements) {
            literal.append(literal.length() > 1 ? "," : "").append(element);
        }
        return literal.append('}').toString();
    }

    private static void sleepQuietly() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
