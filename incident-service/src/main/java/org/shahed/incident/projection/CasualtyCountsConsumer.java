package org.shahed.incident.projection;

import java.util.Set;

import org.jboss.logging.Logger;
import org.shahed.casualty.events.CountsChanged;
import org.shahed.incident.incident.CasualtySummary;
import org.shahed.incident.incident.IncidentInput;
import org.shahed.incident.incident.Incidents;
import org.shahed.platform.inbox.EventConsumer;

import io.cloudevents.CloudEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Keeps each incident's casualty summary equal to casualty-service's counts, from its
 * {@code org.shahed.casualty.counts-changed} events ({@code data}: incidentId, version, asOf and the ranges).
 */
@ApplicationScoped
public class CasualtyCountsConsumer extends EventConsumer<CountsChanged> {
    private static final Logger LOG = Logger.getLogger(CasualtyCountsConsumer.class);

    @Inject
    Incidents incidents;

    public CasualtyCountsConsumer() {
        super("incident-service.casualty-summary", "shahed.topics.casualties", Set.of(CountsChanged.TYPE),
                CountsChanged.class);
    }

    @Override
    protected void apply(CloudEvent event, CountsChanged counts) {
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
