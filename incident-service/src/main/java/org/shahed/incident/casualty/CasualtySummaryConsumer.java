package org.shahed.incident.casualty;

import java.util.Set;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.shahed.casualty.events.CountsChanged;
import org.shahed.incident.incident.CasualtySummary;
import org.shahed.incident.incident.IncidentInput;
import org.shahed.incident.incident.Incidents;
import org.shahed.platform.inbox.EventSubscriptions;

import io.cloudevents.CloudEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * Keeps each incident's casualty summary equal to casualty-service's counts, from its
 * {@code org.shahed.casualty.counts-changed} events ({@code data}: incidentId, version, asOf and the ranges).
 */
@ApplicationScoped
public class CasualtySummaryConsumer {
    private static final Logger LOG = Logger.getLogger(CasualtySummaryConsumer.class);

    @Inject
    EventSubscriptions subscriptions;
    @Inject
    Incidents incidents;
    @ConfigProperty(name = "shahed.incident.casualty-topic", defaultValue = "shahed.casualties")
    String topic;
    @ConfigProperty(name = "shahed.consumers.enabled", defaultValue = "true")
    boolean enabled;

    void onStart(@Observes StartupEvent startup) {
        if (enabled) {
            subscriptions.subscribe("incident-service.casualty-summary", topic, Set.of(CountsChanged.TYPE),
                    CountsChanged.class, this::apply);
        }
    }

    void apply(CloudEvent event, CountsChanged counts) {
        CasualtySummary summary = new CasualtySummary(range(counts.killed()), range(counts.children()),
                range(counts.women()), range(counts.men()), range(counts.injured()), range(counts.missing()),
                counts.asOf(), counts.version());
        if (!incidents.applyCasualtySummary(counts.incidentId(), summary)) {
            LOG.debugf("counts-changed %s ignored: unknown incident or not newer", event.getId());
        }
    }

    private static IncidentInput.Range range(CountsChanged.Range range) {
        return new IncidentInput.Range(range.min(), range.max());
    }
}
