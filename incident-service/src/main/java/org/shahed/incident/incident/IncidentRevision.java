package org.shahed.incident.incident;

import java.io.Serializable;
import java.time.Instant;
import java.util.UUID;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/** One state of an incident as the API showed it after a change; never updated or deleted. */
@Entity
@Table(name = "incident_revision")
@IdClass(IncidentRevision.Key.class)
public class IncidentRevision extends PanacheEntityBase {
    @Id
    @Column(name = "incident_id")
    public UUID incidentId;
    @Id
    public long revision;
    public String change;
    @Column(name = "changed_at")
    public Instant changedAt;
    @Column(name = "changed_by")
    public String changedBy;
    public String note;
    @JdbcTypeCode(SqlTypes.JSON)
    public String snapshot;

    public record Key(UUID incidentId, long revision) implements Serializable {
    }
}
