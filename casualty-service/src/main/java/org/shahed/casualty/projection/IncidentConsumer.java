package org.shahed.casualty.projection;

import java.time.Instant;

import org.shahed.casualty.record.Casualties;
import org.shahed.incident.events.IncidentEvent;
import org.shahed.platform.inbox.EventConsumer;

import io.cloudevents.CloudEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

/**
 * Keeps {@link IncidentProjection} from incident-service's events. Events may come twice (ignored by id) or out of
 * order (an older version than the one held is ignored). When an incident is retracted, its casualty records are
 * flagged for review; nothing is deleted.
 */
@ApplicationScoped
public class IncidentConsumer extends EventConsumer<IncidentEvent> {
    @Inject
    EntityManager entityManager;
    @Inject
    Casualties casualties;

    public IncidentConsumer() {
        super("casualty-service.incident-projection", "shahed.topics.incidents", IncidentEvent.TYPES,
                IncidentEvent.class);
    }

    @Override
    protected void apply(CloudEvent event, IncidentEvent data) {
        IncidentProjection incident = IncidentProjection.findById(data.id());
        if (incident != null && incident.version >= data.version()) {
            return;
        }
        boolean newlyRetracted = "retracted".equals(data.status())
                && (incident == null || !"retracted".equals(incident.status));
        boolean wasPublished = incident != null && incident.isPublished();
        if (incident == null) {
            incident = new IncidentProjection();
            incident.id = data.id();
        }
        incident.reference = data.reference();
        incident.version = data.version();
        incident.status = data.status();
        incident.startAt = data.startAt();
        incident.adminPcodes = data.adminPcodes().toArray(String[]::new);
        incident.perpetratorParties = data.perpetrators().stream().map(IncidentEvent.PerpetratorRef::party)
                .toArray(String[]::new);
        incident.mergedInto = data.mergedInto();
        incident.deleted = data.deleted();
        incident.updatedAt = Instant.now();
        incident.persist();
        if (incident.isPublished() != wasPublished) {
            entityManager.flush();
            casualties.publicationChanged(data.id(), incident.isPublished());
        }
        if (newlyRetracted) {
            entityManager.createNativeQuery("""
                    update casualty set review_flag = 'incident-retracted'
                    where incident_id = :incident and deleted_at is null""")
                    .setParameter("incident", data.id()).executeUpdate();
        }
    }
}
