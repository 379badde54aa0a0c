package org.shahed.media.projection;

import java.time.Instant;
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
 * Keeps {@link IncidentProjection} and {@link CasualtyProjection} from the other services' events, so that links
 * are checked without calling them. Events may come twice (skipped by id) or out of order (an older version than
 * the one held is ignored). When an incident is retracted, its media are flagged for review and hidden from
 * partners; nothing is deleted.
 */
@ApplicationScoped
public class ProjectionConsumers {
    static final Set<String> INCIDENT_TYPES = Set.of("org.shahed.incident.created", "org.shahed.incident.updated",
            "org.shahed.incident.submitted-for-review", "org.shahed.incident.returned-to-draft",
            "org.shahed.incident.verified", "org.shahed.incident.published", "org.shahed.incident.retracted",
            "org.shahed.incident.merged", "org.shahed.incident.deleted");
    static final Set<String> CASUALTY_TYPES = Set.of("org.shahed.casualty.created", "org.shahed.casualty.updated",
            "org.shahed.casualty.deleted", "org.shahed.casualty.merged", "org.shahed.casualty.unmerged");

    @Inject
    EventSubscriptions subscriptions;
    @Inject
    EntityManager entityManager;
    @Inject
    org.shahed.media.asset.MediaAssets assets;
    @Inject
    org.shahed.platform.store.ChangeFeed changeFeed;
    @ConfigProperty(name = "shahed.media.incident-topic", defaultValue = "shahed.incidents")
    String incidentTopic;
    @ConfigProperty(name = "shahed.media.casualty-topic", defaultValue = "shahed.casualties")
    String casualtyTopic;
    @ConfigProperty(name = "shahed.consumers.enabled", defaultValue = "true")
    boolean enabled;

    void onStart(@Observes StartupEvent startup) {
        if (enabled) {
            subscriptions.subscribe("media-service.incident-projection", incidentTopic, INCIDENT_TYPES, this::incident);
            subscriptions.subscribe("media-service.casualty-projection", casualtyTopic, CASUALTY_TYPES, this::casualty);
        }
    }

    void incident(CloudEvent event, JsonNode data) {
        long version = version(event, data);
        UUID id = UUID.fromString(data.path("id").asText());
        IncidentProjection incident = IncidentProjection.findById(id);
        if (incident != null && incident.version >= version) {
            return;
        }
        String status = data.path("status").asText();
        boolean wasPublished = incident != null && incident.isPublished();
        boolean newlyRetracted = "retracted".equals(status) && (incident == null || !"retracted".equals(incident.status));
        if (incident == null) {
            incident = new IncidentProjection();
            incident.id = id;
        }
        incident.reference = data.path("reference").asText();
        incident.status = status;
        incident.version = version;
        incident.deleted = data.path("deleted").asBoolean(false);
        incident.updatedAt = Instant.now();
        incident.persist();
        boolean publicationChanged = incident.isPublished() != wasPublished;
        if (newlyRetracted || publicationChanged) {
            // The feed's lock before any file's row, as every writer of files takes them (MediaAssets#locked).
            changeFeed.lock(org.shahed.media.asset.MediaAssets.AGGREGATE);
        }
        if (newlyRetracted) {
            entityManager.createNativeQuery("""
                    update media_asset set review_flag = 'incident-retracted'
                    where deleted_at is null and id in (select asset_id from media_link
                        where target_type = 'incident' and target_id = :incident and removed_at is null)""")
                    .setParameter("incident", id).executeUpdate();
        }
        if (publicationChanged) {
            entityManager.flush();
            assets.publicationChanged(id, incident.isPublished());
        }
    }

    void casualty(CloudEvent event, JsonNode data) {
        long version = version(event, data);
        UUID id = UUID.fromString(data.path("id").asText());
        CasualtyProjection casualty = CasualtyProjection.findById(id);
        if (casualty != null && casualty.version >= version) {
            return;
        }
        if (casualty == null) {
            casualty = new CasualtyProjection();
            casualty.id = id;
        }
        casualty.reference = data.path("reference").asText();
        UUID before = casualty.incidentId;
        casualty.incidentId = data.hasNonNull("incidentId") ? UUID.fromString(data.path("incidentId").asText()) : null;
        casualty.version = version;
        casualty.deleted = data.path("deleted").asBoolean(false) || data.hasNonNull("mergedInto");
        casualty.updatedAt = Instant.now();
        casualty.persist();
        if (!java.util.Objects.equals(before, casualty.incidentId)) {
            // Links to this record now speak of another incident: partners' view of the files may change.
            entityManager.flush();
            for (UUID moved : java.util.Arrays.asList(before, casualty.incidentId)) {
                if (moved != null) {
                    IncidentProjection incident = IncidentProjection.findById(moved);
                    assets.publicationChanged(moved, incident != null && incident.isPublished());
                }
            }
        }
    }

    private static long version(CloudEvent event, JsonNode data) {
        long version = data.path("version").asLong(-1);
        if (version < 0 || !data.hasNonNull("id") || !data.hasNonNull("reference")) {
            throw new IllegalArgumentException("event " + event.getId() + " lacks id, reference or version");
        }
        return version;
    }
}
