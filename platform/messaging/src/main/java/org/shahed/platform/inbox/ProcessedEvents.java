package org.shahed.platform.inbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * Makes a Kafka consumer idempotent: it claims an event id in the same transaction as the event's effect, and
 * skips the event when the id was claimed before. Events arrive at least once (outbox relay, rebalances).
 */
@ApplicationScoped
public class ProcessedEvents {
    private final EntityManager entityManager;

    @Inject
    public ProcessedEvents(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /**
     * Claims {@code eventId} for {@code consumer}; true the first time, false for a redelivery. The claim
     * commits or rolls back with the caller's transaction, so a failed effect can be retried.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean claim(String consumer, String eventId) {
        int inserted = entityManager.createNativeQuery("""
                insert into processed_event (consumer, event_id, processed_at)
                values (:consumer, :eventId, now())
                on conflict do nothing""")
                .setParameter("consumer", consumer)
                .setParameter("eventId", eventId)
                .executeUpdate();
        return inserted == 1;
    }
}
