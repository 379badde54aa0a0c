package org.shahed.incident.store;

import java.util.UUID;

import org.shahed.platform.store.VersionedDocument;
import org.shahed.platform.web.Problems;

import io.quarkus.hibernate.orm.panache.Panache;

import jakarta.persistence.Column;
import jakarta.persistence.LockModeType;
import jakarta.persistence.MappedSuperclass;

/** A record that belongs to one incident (a testimony, a legal qualification). */
@MappedSuperclass
public abstract class IncidentPart extends VersionedDocument {
    @Column(name = "incident_id")
    public UUID incidentId;

    public boolean belongsTo(UUID incident) {
        return incidentId.equals(incident) && !isDeleted();
    }

    /** The live part {@code id} of {@code incident}, locked for this transaction; 404 naming {@code what} if none. */
    public static <T extends IncidentPart> T lockLive(Class<T> type, UUID incident, UUID id, String what) {
        T part = Panache.getEntityManager().find(type, id, LockModeType.PESSIMISTIC_WRITE);
        if (part == null || !part.belongsTo(incident)) {
            throw Problems.notFound(what + " " + id);
        }
        return part;
    }
}
