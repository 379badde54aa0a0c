package org.shahed.incident.legal;

import java.time.Instant;
import java.util.UUID;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity
@Table(name = "legal_qualification")
public class LegalQualification extends PanacheEntityBase {
    @Id
    public UUID id;
    @Column(name = "incident_id")
    public UUID incidentId;
    public long version;
    @JdbcTypeCode(SqlTypes.JSON)
    public String document;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "created_by")
    public String createdBy;
    @Column(name = "updated_at")
    public Instant updatedAt;
    @Column(name = "updated_by")
    public String updatedBy;
    @Column(name = "deleted_at")
    public Instant deletedAt;
}
