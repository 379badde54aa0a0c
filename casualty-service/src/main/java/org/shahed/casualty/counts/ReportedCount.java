package org.shahed.casualty.counts;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A source's figures for an incident, stored as reported, beside (never merged into) the named counts. */
@Entity
@Table(name = "reported_count")
public class ReportedCount extends PanacheEntityBase {
    @Id
    public UUID id;
    @Column(name = "incident_id")
    public UUID incidentId;
    public String source;
    @Column(name = "as_of")
    public LocalDate asOf;
    public String basis;
    @JdbcTypeCode(SqlTypes.JSON)
    public String figures;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "created_by")
    public String createdBy;
}
