package org.shahed.media.projection;

import java.time.Instant;
import java.util.UUID;

import org.shahed.incident.events.IncidentEvent;
import org.shahed.media.asset.MediaAssets;
import org.shahed.platform.inbox.EventConsumer;
import org.shahed.platform.store.ChangeFeed;

import io.cloudevents.CloudEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

/**
 * Keeps {@link IncidentProjection} from incident-service's events, so that links are checked without calling it.
 * Events may come twice (skipped by id) or out of order (an older version than the one held is ignored). When an
 * incident is retracted, its media are flagged for review and hidden from partners; nothing is deleted.
 */
@ApplicationScoped
public class IncidentConsumer extends EventConsumer<IncidentEvent> {
    @Inject
    EntityManager entityManager;
    @Inject
    MediaAssets assets;
    @Inject
    ChangeFeed changeFeed;

    public IncidentConsumer() {
        super("media-service.incident-projection", "shahed.topics.incidents", IncidentEvent.TYPES, IncidentEvent.class);
    }

    @Override
    protected void apply(CloudEvent event, IncidentEvent data) {
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
            // The feed's publication lock before any file's row, as every writer of files takes them
            // (MediaAssets#locked).
            changeFeed.lockPublication(MediaAssets.AGGREGATE);
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
}
