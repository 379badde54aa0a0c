package org.shahed.incident.report;

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
@Table(name = "report")
public class Report extends PanacheEntityBase {
    @Id
    public UUID id;
    public String reference;
    public long version;
    /** draft or published. */
    public String status;
    @JdbcTypeCode(SqlTypes.JSON)
    public String document;
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "incident_ids")
    public UUID[] incidentIds;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "created_by")
    public String createdBy;
    @Column(name = "updated_at")
    public Instant updatedAt;
    @Column(name = "updated_by")
    public String updatedBy;
    @Column(name = "published_at")
    public Instant publishedAt;
    @Column(name = "deleted_at")
    public Instant deletedAt;
}
