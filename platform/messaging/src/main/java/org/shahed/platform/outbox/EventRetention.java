package org.shahed.platform.outbox;

import java.time.Duration;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.shahed.platform.store.RetentionRule;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/**
 * How long events are kept in the database once they have done their work: outbox rows after they were published,
 * and consumers' processed-event claims. Both windows must be longer than the topics' retention, so that no event
 * still readable from Kafka is applied twice.
 */
@ApplicationScoped
public class EventRetention {
    @Produces
    RetentionRule publishedEvents(@ConfigProperty(name = "shahed.retention.published-events", defaultValue = "P14D") Duration keep) {
        return new RetentionRule("published outbox events", "outbox_event", "published_at < ?", keep);
    }

    @Produces
    RetentionRule processedEvents(@ConfigProperty(name = "shahed.retention.processed-events", defaultValue = "P14D") Duration keep) {
        return new RetentionRule("processed-event claims", "processed_event", "processed_at < ?", keep);
    }
}
