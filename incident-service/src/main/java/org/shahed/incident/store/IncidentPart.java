package org.shahed.incident.store;

import java.util.UUID;

import org.shahed.platform.store.VersionedDocument;

import jakarta.persistence.Column;
import jakarta.persistence.MappedSuperclass;

/** A record that belongs to one incident (a testimony, a legal qualification). */
@MappedSuperclass
public abstract class IncidentPart extends VersionedDocument {
    @Column(name = "incident_id")
    public UUID incidentId;

    public boolean belongsTo(UUID incident) {
        return incidentId.equals(incident) && !isDeleted();
    }
}
