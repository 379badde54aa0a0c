package org.shahed.incident.report;

import java.time.Instant;
import java.util.UUID;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.shahed.platform.store.FeedDocument;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** A report, with its place in the reports' changes feed; the document is a {@link ReportInput}. */
@Entity
@Table(name = "report")
public class Report extends FeedDocument {
    public String reference;
    /** draft or published. */
    public String status;
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "incident_ids")
    public UUID[] incidentIds;
    @Column(name = "published_at")
    public Instant publishedAt;
}
