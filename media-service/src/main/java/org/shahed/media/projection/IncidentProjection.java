package org.shahed.media.projection;

import java.time.Instant;
import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** An incident as incident-service's events describe it, at the newest version received. */
@Entity
@Table(name = "incident_projection")
public class IncidentProjection extends PanacheEntityBase {
    @Id
    public UUID id;
    public String reference;
    public String status;
    public long version;
    public boolean deleted;
    @Column(name = "updated_at")
    public Instant updatedAt;

    /** Whether partners read files documenting this incident (MediaDisclosure). */
    public boolean isPublished() {
        return "published".equals(status) && !deleted;
    }
}
