package org.shahed.platform.outbox;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
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

    @Inject
    public Outbox(OutboxConfig config, ObjectMapper json, OutboxRelay relay,
            TransactionSynchronizationRegistry transactions) {
        this.config = config;
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
