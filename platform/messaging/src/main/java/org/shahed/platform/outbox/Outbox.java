package org.shahed.platform.outbox;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.shahed.platform.store.AfterCommit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;

/**
 * Records a change event in the caller's transaction. The event exists exactly when the change commits: a
 * rolled-back write leaves no event, and a committed one is published by {@link OutboxRelay} even if Kafka is
 * down at the time. Payloads must never carry protected fields.
 */
@ApplicationScoped
public class Outbox {
    private final OutboxConfig config;
    private final ObjectMapper json;
    private final OutboxRelay relay;
    private final TransactionSynchronizationRegistry transactions;
    private final EntityManager entityManager;

    @Inject
    public Outbox(OutboxConfig config, ObjectMapper json, OutboxRelay relay,
            TransactionSynchronizationRegistry transactions, EntityManager entityManager) {
        this.config = config;
        this.entityManager = entityManager;
        this.json = json;
        this.relay = relay;
        this.transactions = transactions;
    }

    /**
     * Adds an event of {@code eventType} (e.g. {@code org.shahed.incident.created}) about one aggregate; its
     * Kafka key and CloudEvents {@code subject} are {@code aggregateId}. Must run inside the write's transaction.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public UUID record(String aggregateType, Object aggregateId, String eventType, Object data) {
        OutboxEvent event = new OutboxEvent();
        event.id = UUID.randomUUID();
        event.topic = config.topic();
        event.aggregateType = aggregateType;
        event.aggregateId = aggregateId.toString();
        event.eventType = eventType;
        event.payload = toJson(data);
        event.occurredAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        event.eventCount = 1;
        event.traceparent = TraceContexts.current();
        event.persist();
        // Lets the relay publish at once instead of at its next poll.
        AfterCommit.run(transactions, relay::wakeUp);
        return event.id;
    }

    /**
     * An event made ready for {@link #recordAll}: its id, and its data already JSON, written as a member of a
     * batch row's payload ({@code {"id", "subject", "type", "data"}}).
     */
    public record Event(UUID id, String aggregateId, String eventType, String payload) {
        String asBatchMember() {
            JsonStringEncoder quote = JsonStringEncoder.getInstance();
            return new StringBuilder(payload.length() + 160).append("{\"id\":\"").append(id)
                    .append("\",\"subject\":\"").append(quote.quoteAsString(aggregateId))
                    .append("\",\"type\":\"").append(quote.quoteAsString(eventType))
                    .append("\",\"data\":").append(payload).append('}').toString();
        }
    }

    /** Prepares an event for {@link #recordAll}; needs no transaction, so bulk writers can prepare ahead. */
    public Event event(Object aggregateId, String eventType, Object data) {
        return new Event(UUID.randomUUID(), aggregateId.toString(), eventType, toJson(data));
    }

    /**
     * Adds many events at once (bulk writes), in this order; otherwise as {@link #record}. More than one share a
     * single outbox row (a batch, see {@code V0_3__outbox_event_batches.sql}), which the relay publishes as the
     * separate events they are, each with its own id and key.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void recordAll(String aggregateType, List<Event> events) {
        if (events.isEmpty()) {
            return;
        }
        OutboxEvent row = new OutboxEvent();
        row.topic = config.topic();
        row.aggregateType = aggregateType;
        row.occurredAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        row.eventCount = events.size();
        row.traceparent = TraceContexts.current();
        if (events.size() == 1) {
            Event event = events.get(0);
            row.id = event.id();
            row.aggregateId = event.aggregateId();
            row.eventType = event.eventType();
            row.payload = event.payload();
        } else {
            row.id = UUID.randomUUID();
            row.aggregateId = OutboxEvent.BATCH;
            row.eventType = OutboxEvent.BATCH;
            StringBuilder payload = new StringBuilder(events.size() * (events.get(0).payload().length() + 160));
            for (Event event : events) {
                payload.append(payload.length() == 0 ? '[' : ',').append(event.asBatchMember());
            }
            row.payload = payload.append(']').toString();
        }
        row.persist();
        // Lets the relay publish at once instead of at its next poll.
        AfterCommit.run(transactions, relay::wakeUp);
    }

    private String toJson(Object data) {
        try {
            return json.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("event data cannot be written as JSON", e);
        }
    }
}
