package org.shahed.media.projection;

import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.UUID;

import org.shahed.casualty.events.CasualtyEvent;
import org.shahed.media.asset.MediaAssets;
import org.shahed.platform.inbox.EventConsumer;

import io.cloudevents.CloudEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

/**
 * Keeps {@link CasualtyProjection} from casualty-service's events, so that links are checked without calling it.
 * Events may come twice (skipped by id) or out of order (an older version than the one held is ignored). A record
 * that moves to another incident changes what partners see of the files linked to it.
 */
@ApplicationScoped
public class CasualtyConsumer extends EventConsumer<CasualtyEvent> {
    @Inject
    EntityManager entityManager;
    @Inject
    MediaAssets assets;

    public CasualtyConsumer() {
        super("media-service.casualty-projection", "shahed.topics.casualties", CasualtyEvent.TYPES,
                CasualtyEvent.class);
    }

    @Override
    protected void apply(CloudEvent event, CasualtyEvent data) {
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
        if (!Objects.equals(before, casualty.incidentId)) {
            // Links to this record now speak of another incident: partners' view of the files may change.
            entityManager.flush();
            for (UUID moved : Arrays.asList(before, casualty.incidentId)) {
                if (moved != null) {
                    IncidentProjection incident = IncidentProjection.findById(moved);
                    assets.publicationChanged(moved, incident != null && incident.isPublished());
                }
            }
        }
    }
}
