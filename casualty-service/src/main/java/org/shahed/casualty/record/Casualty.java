package org.shahed.casualty.record;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.shahed.platform.store.FeedDocument;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** A casualty record: the {@link CasualtyInput} document and the columns counts and lists work on. */
@Entity
@Table(name = "casualty")
public class Casualty extends FeedDocument {
    public String reference;
    @Column(name = "incident_id")
    public UUID incidentId;
    public String outcome;
    public String sex;
    @Column(name = "age_years")
    public Integer ageYears;
    @Column(name = "is_child")
    public Boolean isChild;
    @Column(name = "civilian_status")
    public String civilianStatus;
    @JdbcTypeCode(SqlTypes.ARRAY)
    public String[] roles;
    @Column(name = "event_date")
    public LocalDate eventDate;
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "admin_pcodes")
    public String[] adminPcodes;
    @Column(name = "documentation_level")
    public String documentationLevel;
    /** All documented name forms, for search; protected like the names. */
    @Column(name = "name_text")
    public String nameText;
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "name_keys")
    public String[] nameKeys;
    /** The names de-duplication scores by (the document's names, kept apart so that scoring reads no document). */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "match_names")
    public String matchNames;
    @Column(name = "consent_publish_name")
    public boolean consentPublishName;
    @Column(name = "source_system")
    public String sourceSystem;
    @Column(name = "external_id")
    public String externalId;
    @Column(name = "merged_into")
    public UUID mergedInto;
    /** Why the record needs another look (e.g. incident-retracted); set from events, not part of the document. */
    @Column(name = "review_flag")
    public String reviewFlag;
    /** The organisation that wrote the record (an ingestion script reads its own organisation's records). */
    public String organisation;
    /** When partners could first see the record (its incident published); null while they never could. */
    @Column(name = "shared_at")
    public Instant sharedAt;

    /** Counted in the incident's figures: live and not merged into another record. */
    public boolean counts() {
        return !isDeleted() && mergedInto == null;
    }
}
