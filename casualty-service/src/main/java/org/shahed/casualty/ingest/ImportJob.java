package org.shahed.casualty.ingest;

import java.time.Instant;
import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A bulk import: where it stands, and how many rows went in or were rejected. */
@Entity
@Table(name = "import_job")
public class ImportJob extends PanacheEntityBase {
    @Id
    public UUID id;
    @Column(name = "idempotency_key")
    public String idempotencyKey;
    /** SHA-256 of the file sent, hex, marked when a dry run: what the Idempotency-Key stands for. */
    @Column(name = "request_hash")
    public String requestHash;
    /** csv or ndjson. */
    public String format;
    /** queued, running, completed or failed. */
    public String status;
    @Column(name = "bytes_total")
    public long bytesTotal;
    @Column(name = "bytes_read")
    public long bytesRead;
    @Column(name = "rows_read")
    public long rowsRead;
    @Column(name = "rows_accepted")
    public long rowsAccepted;
    @Column(name = "rows_rejected")
    public long rowsRejected;
    /** Of the accepted rows: new records, changed ones, and ones that already said the same. */
    @Column(name = "rows_created")
    public long rowsCreated;
    @Column(name = "rows_updated")
    public long rowsUpdated;
    @Column(name = "rows_unchanged")
    public long rowsUnchanged;
    /** Checked as an import would be, nothing written. */
    @Column(name = "dry_run")
    public boolean dryRun;
    public String failure;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "created_by")
    public String createdBy;
    /** The organisation of the caller that started it: only that organisation's scripts (and staff) read it. */
    public String organisation;
    @Column(name = "started_at")
    public Instant startedAt;
    @Column(name = "finished_at")
    public Instant finishedAt;
    /** The replica running it, and until when its claim holds unless renewed (see ImportClaims). */
    @Column(name = "claimed_by")
    public String claimedBy;
    @Column(name = "lease_until")
    public Instant leaseUntil;
}
