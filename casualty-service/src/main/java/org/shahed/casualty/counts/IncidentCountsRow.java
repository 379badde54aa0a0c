package org.shahed.casualty.counts;

import java.time.Instant;
import java.util.UUID;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The counts last derived for an incident and their version (the order of counts-changed events). */
@Entity
@Table(name = "incident_counts")
public class IncidentCountsRow extends PanacheEntityBase {
    @Id
    @Column(name = "incident_id")
    public UUID incidentId;
    public long version;
    @JdbcTypeCode(SqlTypes.JSON)
    public String counts;
    @Column(name = "updated_at")
    public Instant updatedAt;
}
