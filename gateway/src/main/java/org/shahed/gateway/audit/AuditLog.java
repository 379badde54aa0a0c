package org.shahed.gateway.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * Writes the audit log: requests are queued as they end and written in batches by one thread, so that the log
 * costs a request no database round trip. The writer lingers briefly after the first entry of a batch, so that a
 * steady stream of requests costs one transaction per linger rather than one each (a commit per request competed
 * with the services for the database and the CPU). A database that is down delays the writing (entries wait in
 * the queue and are retried). No entry is ever dropped: a request takes a place in the queue before it is passed
 * on ({@link #reserve}), and while the queue is full (a long database outage, a flood) requests are refused with 503
 * instead of being served unrecorded.
 */
@ApplicationScoped
public class AuditLog {
    private static final Logger LOG = Logger.getLogger(AuditLog.class);
    private static final int BATCH = 500;
    private static final long LINGER_MILLIS = 100;
    private static final String INSERT = "INSERT INTO audit_entry (at, request_id, subject, api_key_id, roles, client_ip,"
            + " method, path, query, resource_ids, status, backend, duration_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    /** A request to record. */
    public record Entry(Instant at, String requestId, String subject, UUID apiKeyId, List<String> roles, String clientIp,
            String method, String path, String query, List<UUID> resourceIds, int status, String backend, int durationMs) {
    }

    @Inject
    DataSource dataSource;

    private static final int CAPACITY = 200_000;
    private final BlockingQueue<Entry> queue = new ArrayBlockingQueue<>(CAPACITY);
    /** Places in the queue: taken when a request starts, given back once its entry is written. */
    private final Semaphore places = new Semaphore(CAPACITY);
    private final AtomicLong refused = new AtomicLong();
    private volatile boolean running;
    private Thread writer;

    void start(@Observes StartupEvent event) {
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
     * Takes a place for a request's entry; false when the log is too far behind (the request must be refused).
     * Every place taken is used by exactly one {@link #record}.
     */
    public boolean reserve() {
        if (places.tryAcquire()) {
            return true;
        }
        long count = refused.incrementAndGet();
        if (count == 1 || count % 10_000 == 0) {
            LOG.errorf("audit log full: %d requests refused so far (is the gateway's database down?)", count);
        }
        return false;
    }

    /** Queues the entry of a request that {@link #reserve reserved} its place. */
    public void record(Entry entry) {
        queue.add(entry);
    }

    private void writeLoop() {
        List<Entry> batch = new ArrayList<>(BATCH);
        while (running || !queue.isEmpty() || !batch.isEmpty()) {
            try {
                if (batch.isEmpty()) {
                    Entry first = queue.poll(200, TimeUnit.MILLISECONDS);
                    if (first == null) {
                        continue;
                    }
                    batch.add(first);
                    if (running) {
                        Thread.sleep(LINGER_MILLIS);
                    }
                    queue.drainTo(batch, BATCH - 1);
                }
                write(batch);
                places.release(batch.size());
                batch.clear();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (SQLException | RuntimeException e) {
                LOG.warnf("audit log: %d entries not written yet, retrying: %s", batch.size(), e.getMessage());
                if (!running) {
                    LOG.errorf("audit log: %d entries lost at shutdown", batch.size() + queue.size());
                    return;
                }
                sleepQuietly();
            }
        }
    }

    private void write(List<Entry> batch) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(INSERT)) {
            connection.setAutoCommit(false);
            for (Entry entry : batch) {
                insert.setTimestamp(1, Timestamp.from(entry.at()));
                insert.setString(2, entry.requestId());
                insert.setString(3, entry.subject());
                insert.setObject(4, entry.apiKeyId(), Types.OTHER);
                insert.setArray(5, connection.createArrayOf("text", entry.roles().toArray()));
                insert.setString(6, entry.clientIp());
                insert.setString(7, entry.method());
                insert.setString(8, entry.path());
                insert.setString(9, entry.query());
                insert.setArray(10, connection.createArrayOf("uuid", entry.resourceIds().toArray()));
                insert.setInt(11, entry.status());
                insert.setString(12, entry.backend());
                insert.setInt(13, entry.durationMs());
                insert.addBatch();
            }
            insert.executeBatch();
            connection.commit();
        }
    }

    private static void sleepQuietly() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
