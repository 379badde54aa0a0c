package org.shahed.media.projection;

import java.time.Instant;
import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A casualty record as casualty-service's events describe it (no names), at the newest version received. */
@Entity
@Table(name = "casualty_projection")
public class CasualtyProjection extends PanacheEntityBase {
    @Id
    public UUID id;
    public String reference;
    @Column(name = "incident_id")
    public UUID incidentId;
    public long version;
    public boolean deleted;
    @Column(name = "updated_at")
    public Instant updatedAt;
}
