package org.shahed.platform.outbox;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.shahed.platform.store.CopyIn;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
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
        event.persist();
        transactions.registerInterposedSynchronization(new WakeRelayAfterCommit(relay));
        return event.id;
    }

    /** An event made ready for {@link #recordAll}, its data already JSON. */
    public record Event(String aggregateId, String eventType, String payload) {
    }

    /** Prepares an event for {@link #recordAll}; needs no transaction, so bulk writers can prepare ahead. */
    public Event event(Object aggregateId, String eventType, Object data) {
        return new Event(aggregateId.toString(), eventType, toJson(data));
    }

    /**
     * Adds many events at once (bulk writes), in this order, with one round trip; otherwise as {@link #record}.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void recordAll(String aggregateType, List<Event> events) {
        if (events.isEmpty()) {
            return;
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        CopyIn rows = CopyIn.into("outbox_event", "id", "topic", "aggregate_type", "aggregate_id", "event_type",
                "payload", "occurred_at");
        for (Event event : events) {
            rows.row(UUID.randomUUID(), config.topic(), aggregateType, event.aggregateId(), event.eventType(),
                    event.payload(), now);
        }
        rows.write(entityManager);
        transactions.registerInterposedSynchronization(new WakeRelayAfterCommit(relay));
    }

    private String toJson(Object data) {
        try {
            return json.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("event data cannot be written as JSON", e);
        }
    }

    /** Lets the relay publish at once instead of at its next poll. */
    private record WakeRelayAfterCommit(OutboxRelay relay) implements Synchronization {
        @Override
        public void beforeCompletion() {
        }

        @Override
        public void afterCompletion(int status) {
            if (status == Status.STATUS_COMMITTED) {
                relay.wakeUp();
            }
        }
    }
}
