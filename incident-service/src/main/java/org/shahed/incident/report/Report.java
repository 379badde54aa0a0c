package org.shahed.incident.report;

import java.time.Instant;
import java.util.UUID;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.shahed.platform.store.VersionedDocument;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** A report; the document is a {@link ReportInput}. */
@Entity
@Table(name = "report")
public class Report extends VersionedDocument {
    public String reference;
    /** draft or published. */
    public String status;
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "incident_ids")
    public UUID[] incidentIds;
    @Column(name = "published_at")
    public Instant publishedAt;
}
