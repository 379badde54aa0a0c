package org.shahed.incident.casualty;

import java.util.Set;
import java.util.UUID;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.shahed.incident.incident.CasualtySummary;
import org.shahed.incident.incident.Incidents;
import org.shahed.platform.inbox.EventSubscriptions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

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
    static final String TYPE = "org.shahed.casualty.counts-changed";
    private static final Logger LOG = Logger.getLogger(CasualtySummaryConsumer.class);

    @Inject
    EventSubscriptions subscriptions;
    @Inject
    Incidents incidents;
    @Inject
    ObjectMapper json;
    @ConfigProperty(name = "shahed.incident.casualty-topic", defaultValue = "shahed.casualties")
    String topic;
    @ConfigProperty(name = "shahed.consumers.enabled", defaultValue = "true")
    boolean enabled;

    void onStart(@Observes StartupEvent startup) {
        if (enabled) {
            subscriptions.subscribe("incident-service.casualty-summary", topic, Set.of(TYPE), this::apply);
        }
    }

    void apply(CloudEvent event, JsonNode data) {
        UUID incidentId = UUID.fromString(data.path("incidentId").asText());
        CasualtySummary summary;
        try {
            summary = json.treeToValue(data, CountsChanged.class).summary();
        } catch (Exception e) {
            throw new IllegalArgumentException("counts-changed event " + event.getId() + " is malformed", e);
        }
        if (!incidents.applyCasualtySummary(incidentId, summary)) {
            LOG.debugf("counts-changed %s ignored: unknown incident or not newer", event.getId());
        }
    }

    /** The event's data; unknown members are ignored so that casualty-service can add to it. */
    @com.fasterxml.jackson.annotation.JsonIgnoreProperties(ignoreUnknown = true)
    record CountsChanged(UUID incidentId, long version, java.time.Instant asOf,
            org.shahed.incident.incident.IncidentInput.Range killed,
            org.shahed.incident.incident.IncidentInput.Range children,
            org.shahed.incident.incident.IncidentInput.Range women,
            org.shahed.incident.incident.IncidentInput.Range men,
            org.shahed.incident.incident.IncidentInput.Range injured,
            org.shahed.incident.incident.IncidentInput.Range missing) {

        CasualtySummary summary() {
            return new CasualtySummary(killed, children, women, men, injured, missing, asOf, version);
        }
    }
}
