package org.shahed.incident.incident;

import java.time.Instant;
import java.util.UUID;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import org.shahed.platform.store.FeedDocument;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/**
 * An incident: the documented facts as its JSON document ({@link IncidentInput}), and beside it the columns
 * that lists filter and sort on, derived from the document on every write. The version is the ETag.
 */
@Entity
@Table(name = "incident")
public class Incident extends FeedDocument {
    public String reference;
    public String status;

    @JdbcTypeCode(SqlTypes.ARRAY)
    public String[] types;
    @Column(name = "start_at")
    public Instant startAt;
    @Column(name = "end_at")
    public Instant endAt;
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "admin_pcodes")
    public String[] adminPcodes;
    public Double latitude;
    public Double longitude;
    @Column(name = "controlling_party")
    public String controllingParty;
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "perpetrator_parties")
    public String[] perpetratorParties;
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "attribution_grades")
    public String[] attributionGrades;
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "pattern_flags")
    public String[] patternFlags;
    @Column(name = "search_text")
    public String searchText;
    @Column(name = "place_text")
    public String placeText;

    /** Maintained from casualty-service's counts-changed events; read-only through this service's API. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "casualty_summary")
    public String casualtySummary;

    @Column(name = "published_at")
    public Instant publishedAt;
    @Column(name = "retraction_reason")
    public String retractionReason;
    @Column(name = "merged_into")
    public UUID mergedInto;
    /** The organisation that wrote it (an ingestion script reads its own organisation's incidents). */
    public String organisation;

    public Status statusValue() {
        return Status.of(status);
    }

}
