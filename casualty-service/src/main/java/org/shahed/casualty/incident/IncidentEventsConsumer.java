package org.shahed.casualty.incident;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.shahed.platform.inbox.EventSubscriptions;

import com.fasterxml.jackson.databind.JsonNode;

import io.cloudevents.CloudEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

/**
 * Keeps {@link IncidentProjection} from incident-service's events. Events may come twice (ignored by id) or out of
 * order (an older version than the one held is ignored). When an incident is retracted, its casualty records are
 * flagged for review; nothing is deleted.
 */
@ApplicationScoped
public class IncidentEventsConsumer {
    static final Set<String> TYPES = Set.of("org.shahed.incident.created", "org.shahed.incident.updated",
            "org.shahed.incident.submitted-for-review", "org.shahed.incident.returned-to-draft",
            "org.shahed.incident.verified", "org.shahed.incident.published", "org.shahed.incident.retracted",
            "org.shahed.incident.merged", "org.shahed.incident.deleted");

    @Inject
    EventSubscriptions subscriptions;
    @Inject
    EntityManager entityManager;
    @Inject
    org.shahed.casualty.record.Casualties casualties;
    @ConfigProperty(name = "shahed.casualty.incident-topic", defaultValue = "shahed.incidents")
    String topic;
    @ConfigProperty(name = "shahed.consumers.enabled", defaultValue = "true")
    boolean enabled;

    void onStart(@Observes StartupEvent startup) {
        if (enabled) {
            subscriptions.subscribe("casualty-service.incident-projection", topic, TYPES, this::apply);
        }
    }

    void apply(CloudEvent event, JsonNode data) {
        UUID id = UUID.fromString(data.path("id").asText());
        long version = data.path("version").asLong(-1);
        if (version < 0 || !data.hasNonNull("reference") || !data.hasNonNull("status")) {
            throw new IllegalArgumentException("incident event " + event.getId() + " lacks id, reference, version or status");
        }
        IncidentProjection incident = IncidentProjection.findById(id);
        if (incident != null && incident.version >= version) {
            return;
        }
        boolean newlyRetracted = "retracted".equals(data.path("status").asText())
                && (incident == null || !"retracted".equals(incident.status));
        boolean wasPublished = incident != null && incident.isPublished();
        if (incident == null) {
            incident = new IncidentProjection();
            incident.id = id;
        }
        incident.reference = data.path("reference").asText();
        incident.version = version;
        incident.status = data.path("status").asText();
        incident.startAt = data.hasNonNull("startAt") ? Instant.parse(data.path("startAt").asText()) : null;
        incident.adminPcodes = strings(data.path("adminPcodes"));
        List<String> parties = new ArrayList<>();
        data.path("perpetrators").forEach(p -> parties.add(p.path("party").asText()));
        incident.perpetratorParties = parties.toArray(String[]::new);
        incident.mergedInto = data.hasNonNull("mergedInto") ? UUID.fromString(data.path("mergedInto").asText()) : null;
        incident.deleted = data.path("deleted").asBoolean(false);
        incident.updatedAt = Instant.now();
        incident.persist();
        if (incident.isPublished() != wasPublished) {
            entityManager.flush();
            casualties.publicationChanged(id, incident.isPublished());
        }
        if (newlyRetracted) {
            entityManager.createNativeQuery("""
                    update casualty set review_flag = 'incident-retracted'
                    where incident_id = :incident and deleted_at is null""")
                    .setParameter("incident", id).executeUpdate();
        }
    }

    private static String[] strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values.toArray(String[]::new);
    }
}
