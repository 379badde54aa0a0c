package org.shahed.media.projection;

import java.time.Instant;
import java.util.UUID;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.shahed.casualty.events.CasualtyEvent;
import org.shahed.incident.events.IncidentEvent;
import org.shahed.platform.inbox.EventSubscriptions;

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
            subscriptions.subscribe("media-service.incident-projection", incidentTopic, IncidentEvent.TYPES,
                    IncidentEvent.class, this::incident);
            subscriptions.subscribe("media-service.casualty-projection", casualtyTopic, CasualtyEvent.TYPES,
                    CasualtyEvent.class, this::casualty);
        }
    }

    void incident(CloudEvent event, IncidentEvent data) {
        UUID id = data.id();
        IncidentProjection incident = IncidentProjection.findById(id);
        if (incident != null && incident.version >= data.version()) {
            return;
        }
        String status = data.status();
        boolean wasPublished = incident != null && incident.isPublished();
        boolean newlyRetracted = "retracted".equals(status) && (incident == null || !"retracted".equals(incident.status));
        if (incident == null) {
            incident = new IncidentProjection();
            incident.id = id;
        }
        incident.reference = data.reference();
        incident.status = status;
        incident.version = data.version();
        incident.deleted = data.deleted();
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

    void casualty(CloudEvent event, CasualtyEvent data) {
        UUID id = data.id();
        CasualtyProjection casualty = CasualtyProjection.findById(id);
        if (casualty != null && casualty.version >= data.version()) {
            return;
        }
        if (casualty == null) {
            casualty = new CasualtyProjection();
            casualty.id = id;
        }
        casualty.reference = data.reference();
        UUID before = casualty.incidentId;
        casualty.incidentId = data.incidentId();
        casualty.version = data.version();
        casualty.deleted = data.isGone();
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
}
