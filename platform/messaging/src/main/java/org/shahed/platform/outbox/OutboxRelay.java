package org.shahed.platform.outbox;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.hibernate.jpa.HibernateHints;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.cloudevents.CloudEvent;
import io.cloudevents.CloudEventData;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.core.data.BytesCloudEventData;
import io.cloudevents.core.format.EventFormat;
import io.cloudevents.core.provider.EventFormatProvider;
import io.cloudevents.jackson.JsonCloudEventData;
import io.cloudevents.jackson.JsonFormat;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

/**
 * Publishes committed outbox events to Kafka as structured-mode CloudEvents (JSON), keyed by aggregate id,
 * in commit order, and marks them published. While Kafka is unreachable events stay pending and the relay
 * retries with growing backoff; after a restart it resumes from the table. A PostgreSQL advisory lock, held by a
 * session of its own, lets only one replica of a service relay at a time, which keeps the per-key order; the pending
 * rows are read in one short transaction and marked in another, and no transaction stays open while Kafka is
 * awaited. Delivery is at least once: consumers de-duplicate by event id
 * ({@code org.shahed.platform.inbox.ProcessedEvents}).
 */
@ApplicationScoped
public class OutboxRelay {
    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    /** Any constant will do as long as it is the same in every replica of a service (each has its own DB). */
    private static final long RELAY_LOCK = 0x5348414845444f42L;
    private static final EventFormat FORMAT = EventFormatProvider.getInstance().resolveFormat(JsonFormat.CONTENT_TYPE);
    private static final String CONTENT_TYPE_HEADER = "content-type";

    private final OutboxConfig config;
    private final EntityManager entityManager;
    private final DataSource dataSource;
    /** The session that holds the relay lock while this replica relays (used by the relay's thread only). */
    private Connection leadership;
    private final ObjectMapper json;
    private final Map<String, Object> kafkaConfig;
    private final Semaphore wakeUps = new Semaphore(0);
    private CountDownLatch stopping;
    private volatile boolean running;
    private Duration sendTimeout;
    private URI source;
    private volatile Thread worker;
    private volatile String end;
    private KafkaProducer<String, byte[]> producer;

    private final Counter publishedEvents;

    @Inject
    public OutboxRelay(OutboxConfig config, EntityManager entityManager, DataSource dataSource, ObjectMapper json,
            @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig, MeterRegistry metrics) {
        this.config = config;
        this.dataSource = dataSource;
        this.entityManager = entityManager;
        this.json = json;
        this.kafkaConfig = kafkaConfig;
        this.publishedEvents = Counter.builder("shahed.outbox.published")
                .description("Change events the relay has published to Kafka").tag("topic", config.topic()).register(metrics);
    }

    void onStart(@Observes StartupEvent startup) {
        if (config.relay().enabled()) {
            start();
        }
    }

    void onStop(@Observes ShutdownEvent shutdown) {
        stop();
    }

    synchronized void start() {
        if (running) {
            return;
        }
        Map<String, Object> producerConfig = producerConfig();
        sendTimeout = Duration.ofMillis(Long.parseLong(
                String.valueOf(producerConfig.get(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG)))).plusSeconds(1);
        producer = new KafkaProducer<>(producerConfig, new StringSerializer(), new ByteArraySerializer());
        source = URI.create(config.source());
        stopping = new CountDownLatch(1);
        running = true;
        end = null;
        worker = new Thread(this::run, "outbox-relay");
        worker.setDaemon(true);
        worker.start();
    }

    synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        stopping.countDown();
        wakeUps.release();
        try {
            worker.join(Duration.ofSeconds(20).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close(Duration.ofSeconds(5));
        if (!worker.isAlive()) {
            resign();
        }
    }

    /** Called after a commit that added events, so they go out without waiting for the next poll. */
    void wakeUp() {
        wakeUps.release();
    }

    /**
     * Whether the relay does its work: true unless it should be running and its thread has ended (a failure no retry
     * covers); {@link #end} says why. Shown in the liveness check, so that the service is restarted.
     */
    public boolean alive() {
        Thread current = worker;
        return !running || (current != null && current.isAlive());
    }

    /** Why the relay's thread ended while it should run, or null. */
    public String end() {
        return end;
    }

    private void run() {
        try {
            relay();
        } catch (Error e) {
            end = e.toString();
            // The thread ends here; the liveness check shows it, and the service is restarted.
            LOG.errorf(e, "Outbox relay stopped: no change event is published until the service is restarted");
        }
    }

    private void relay() {
        Duration backoff = config.relay().initialBackoff();
        while (running) {
            try {
                Batch batch = leading() ? publishPending() : new Batch(0, false, null);
                if (batch.failure() != null) {
                    LOG.warnf("Outbox relay: %d event(s) pending, Kafka did not take them (%s); retrying in %s",
                            batch.pending(), batch.failure(), backoff);
                    pause(backoff);
                    backoff = min(backoff.multipliedBy(2), config.relay().maxBackoff());
                    continue;
                }
                backoff = config.relay().initialBackoff();
                if (!batch.full()) {
                    awaitWork();
                }
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                LOG.warnf(e, "Outbox relay failed; retrying in %s", backoff);
                pause(backoff);
                backoff = min(backoff.multipliedBy(2), config.relay().maxBackoff());
            }
        }
    }

    /** Events left pending; {@code full} when as many were read as a batch holds (so more may be waiting). */
    private record Batch(int pending, boolean full, String failure) {
    }

    /**
     * Whether this replica relays: it holds the relay lock on a session of its own, outside any transaction (the
     * lock goes with the session, so a replica that dies or loses its database connection lets another take over).
     */
    private boolean leading() {
        try {
            if (leadership != null) {
                if (leadership.isValid(5)) {
                    return true;
                }
                resign();
            }
            Connection session = dataSource.getConnection();
            try (Statement statement = session.createStatement();
                    ResultSet locked = statement.executeQuery("select pg_try_advisory_lock(" + RELAY_LOCK + ")")) {
                locked.next();
                if (locked.getBoolean(1)) {
                    leadership = session;
                    return true;
                }
            }
            session.close();
            return false; // another replica relays
        } catch (SQLException e) {
            throw new IllegalStateException("the relay lock cannot be checked: " + e.getMessage(), e);
        }
    }

    /** Gives the relay lock up (the session goes back to the pool: it must not keep the lock there). */
    private void resign() {
        Connection session = leadership;
        leadership = null;
        if (session == null) {
            return;
        }
        try (session; Statement statement = session.createStatement()) {
            statement.execute("select pg_advisory_unlock_all()");
        } catch (SQLException e) {
            LOG.debugf("relay lock session closed: %s", e.getMessage());
        }
    }

    /**
     * Reads the oldest pending events (one short transaction), sends them, waits for Kafka with no transaction open,
     * then marks those Kafka acknowledged (another short transaction).
     */
    private Batch publishPending() {
        List<OutboxEvent> pending = QuarkusTransaction.requiringNew().call(this::oldestPending);
        if (pending.isEmpty()) {
            return new Batch(0, false, null);
        }
        return send(pending);
    }

    private List<OutboxEvent> oldestPending() {
        // The oldest pending rows holding up to a batch of events (at least one row, however many it holds).
        // Read-only: the rows are marked below with one statement, not one update each.
        @SuppressWarnings("unchecked")
        List<OutboxEvent> pending = entityManager.createNativeQuery("""
                select * from outbox_event where id in (
                    select id from (
                        select id, sum(event_count) over (order by sequence) - event_count as before
                        from outbox_event where published_at is null order by sequence limit :rows) oldest
                    where before < :events)
                order by sequence""", OutboxEvent.class)
                .setParameter("rows", config.relay().batchSize())
                .setParameter("events", config.relay().batchSize())
                .setHint(HibernateHints.HINT_READ_ONLY, true)
                .getResultList();
        return pending;
    }

    private Batch send(List<OutboxEvent> pending) {
        List<List<Future<RecordMetadata>>> sends = new ArrayList<>(pending.size());
        String failure = null;
        for (OutboxEvent event : pending) {
            List<Future<RecordMetadata>> rowSends = new ArrayList<>(event.eventCount);
            sends.add(rowSends);
            try {
                for (ProducerRecord<String, byte[]> record : toRecords(event)) {
                    rowSends.add(producer.send(record));
                }
            } catch (RuntimeException | IOException e) {
                failure = e.toString();
                break;
            }
        }
        List<UUID> acknowledged = new ArrayList<>(sends.size());
        int published = 0;
        UUID failed = null;
        rows: for (int i = 0; i < sends.size(); i++) {
            List<Future<RecordMetadata>> rowSends = sends.get(i);
            if (rowSends.size() < pending.get(i).eventCount) {
                failed = pending.get(i).id; // not all of its events could be handed to the producer
                break;
            }
            for (Future<RecordMetadata> send : rowSends) {
                try {
                    send.get(sendTimeout.toMillis(), TimeUnit.MILLISECONDS);
                } catch (Exception e) {
                    // Stop at the first failure: later events wait for it, so each key keeps its order. A batch row
                    // is sent again whole, so its members sent before the failure arrive twice (at least once).
                    failure = e.getCause() != null ? e.getCause().toString() : e.toString();
                    failed = pending.get(i).id;
                    break rows;
                }
            }
            acknowledged.add(pending.get(i).id);
            published += pending.get(i).eventCount;
        }
        String error = failure;
        UUID failedRow = failed;
        if (!acknowledged.isEmpty() || failedRow != null) {
            QuarkusTransaction.requiringNew().run(() -> {
                if (!acknowledged.isEmpty()) {
                    entityManager.createNativeQuery(
                            "update outbox_event set published_at = :now, attempts = attempts + 1 where id in (:ids)")
                            .setParameter("now", Instant.now()).setParameter("ids", acknowledged).executeUpdate();
                }
                if (failedRow != null) {
                    entityManager.createNativeQuery(
                            "update outbox_event set attempts = attempts + 1, last_error = :error where id = :id")
                            .setParameter("error", error).setParameter("id", failedRow).executeUpdate();
                }
            });
        }
        publishedEvents.increment(published);
        int read = pending.stream().mapToInt(event -> event.eventCount).sum();
        int limit = config.relay().batchSize();
        return new Batch(read - published, pending.size() >= limit || read >= limit, failure);
    }

    /** The row's event, or each event of a batch row in order. */
    private List<ProducerRecord<String, byte[]>> toRecords(OutboxEvent row) throws IOException {
        if (row.eventCount == 1) {
            return List.of(toRecord(row.topic, row.id.toString(), row.aggregateType, row.aggregateId, row.eventType,
                    row.occurredAt, String.valueOf(row.sequence), row.traceparent,
                    BytesCloudEventData.wrap(row.payload.getBytes(StandardCharsets.UTF_8))));
        }
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>(row.eventCount);
        int member = 0;
        // Member by member, with a streaming parser (the whole array as one tree would take many times the
        // payload's size); each member's data goes on as the text it was stored as, never made into a tree.
        try (JsonParser parser = json.getFactory().createParser(row.payload)) {
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                throw new IOException("outbox row " + row.id + " is a batch and its payload is not an array");
            }
            while (parser.nextToken() == JsonToken.START_OBJECT) {
                String id = null;
                String subject = null;
                String type = null;
                CloudEventData data = null;
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String field = parser.currentName();
                    parser.nextToken();
                    switch (field) {
                        case "id" -> id = parser.getValueAsString();
                        case "subject" -> subject = parser.getValueAsString();
                        case "type" -> type = parser.getValueAsString();
                        case "data" -> data = storedData(parser, row.payload);
                        default -> parser.skipChildren();
                    }
                }
                member++;
                if (id == null || subject == null || type == null) {
                    throw new IOException("outbox row " + row.id + ": member " + member + " lacks id, subject or type");
                }
                records.add(toRecord(row.topic, id, row.aggregateType, subject, type, row.occurredAt,
                        row.sequence + "." + member, row.traceparent, data));
            }
        }
        if (records.size() != row.eventCount) {
            throw new IOException(
                    "outbox row " + row.id + " says " + row.eventCount + " events and holds " + records.size());
        }
        return records;
    }

    /** The data value the parser is at: an object or array as its stored text (a raw JSON value), else a tree. */
    private CloudEventData storedData(JsonParser parser, String payload) throws IOException {
        if (parser.currentToken() == JsonToken.START_OBJECT || parser.currentToken() == JsonToken.START_ARRAY) {
            int start = (int) parser.currentTokenLocation().getCharOffset();
            parser.skipChildren();
            int end = (int) parser.currentLocation().getCharOffset();
            return BytesCloudEventData.wrap(payload.substring(start, end).getBytes(StandardCharsets.UTF_8));
        }
        return JsonCloudEventData.wrap(json.readTree(parser));
    }

    private ProducerRecord<String, byte[]> toRecord(String topic, String id, String aggregateType, String aggregateId,
            String eventType, Instant occurredAt, String sequence, String traceparent, CloudEventData data) {
        CloudEventBuilder builder = CloudEventBuilder.v1()
                .withId(id)
                .withSource(source)
                .withType(eventType)
                .withSubject(aggregateId)
                .withTime(occurredAt.atOffset(ZoneOffset.UTC))
                .withDataContentType("application/json")
                .withData(data)
                .withExtension("aggregatetype", aggregateType)
                .withExtension("partitionkey", aggregateId)
                .withExtension("sequence", sequence);
        if (traceparent != null) {
            // The CloudEvents distributed-tracing extension: consumers continue the write's trace.
            builder.withExtension(TraceContexts.TRACEPARENT, traceparent);
        }
        CloudEvent cloudEvent = builder.build();
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, aggregateId, FORMAT.serialize(cloudEvent));
        record.headers().add(CONTENT_TYPE_HEADER,
                (JsonFormat.CONTENT_TYPE + "; charset=UTF-8").getBytes(StandardCharsets.UTF_8));
        return record;
    }

    private Map<String, Object> producerConfig() {
        Map<String, Object> producerConfig = new HashMap<>(kafkaConfig);
        producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
        producerConfig.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        producerConfig.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        // A bulk write's batch row sends hundreds of events at once: let them leave in a few large produce requests
        // rather than many small ones (each costs the broker and the producer's network thread). A lone event
        // waits at most 5 ms for company (its effect on imports is in bench/README.md).
        producerConfig.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        producerConfig.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        // Fail fast while the broker is away: the events are safe in the table and the relay backs off.
        producerConfig.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5000);
        producerConfig.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000);
        producerConfig.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 10000);
        producerConfig.put(ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1000);
        producerConfig.put(ProducerConfig.CLIENT_ID_CONFIG, "outbox-relay-" + config.topic());
        producerConfig.putAll(config.relay().producer());
        return producerConfig;
    }

    private void awaitWork() {
        try {
            wakeUps.tryAcquire(config.relay().pollInterval().toMillis(), TimeUnit.MILLISECONDS);
            wakeUps.drainPermits();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    private void pause(Duration duration) {
        try {
            // A commit during the pause does not cut it short (Kafka is what we wait for); stopping does.
            stopping.await(duration.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
