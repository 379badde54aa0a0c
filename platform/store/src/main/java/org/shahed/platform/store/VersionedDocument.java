package org.shahed.platform.store;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;

/**
 * What every record of this service has: a stable id, a version (the ETag), the documented content as one JSON
 * document, who created and last changed it and when, and a soft-deletion time (records are never removed).
 */
@MappedSuperclass
public abstract class VersionedDocument extends PanacheEntityBase {
    @Id
    public UUID id;
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

    /** Fills identity and audit fields of a new record, at version 1. */
    public void start(String document, String by) {
        Instant now = now();
        this.id = UUID.randomUUID();
        this.version = 1;
        this.document = document;
        this.createdAt = now;
        this.createdBy = by;
        this.updatedAt = now;
        this.updatedBy = by;
    }

    /** Records a change: the next version, by whom and when. */
    public void revise(String by) {
        this.version++;
        this.updatedAt = now();
        this.updatedBy = by;
    }

    /**
     * A change nobody made here (figures computed by another service): the next version and time, so that feeds,
     * {@code updatedSince} and caches see it; {@code updatedBy} keeps the last person who edited the record.
     */
    public void refresh() {
        this.version++;
        this.updatedAt = now();
    }

    /** Soft deletion, itself a change. */
    public void markDeleted(String by) {
        revise(by);
        this.deletedAt = this.updatedAt;
    }

    public boolean isDeleted() {
        return deletedAt != null;
    }

    protected static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
