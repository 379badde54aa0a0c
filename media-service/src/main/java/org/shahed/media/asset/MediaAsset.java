package org.shahed.media.asset;

import java.time.Instant;
import java.time.LocalDateTime;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.shahed.platform.store.FeedDocument;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/**
 * An evidence file: what its bytes are (fixed at upload: hash, size, type, embedded metadata, where the original
 * lies in the evidence bucket) and what people say of it (the {@link MediaDescription} document, editable).
 */
@Entity
@Table(name = "media_asset")
public class MediaAsset extends FeedDocument {
    public String reference;
    public String sha256;
    @Column(name = "size_bytes")
    public long sizeBytes;
    @Column(name = "media_type")
    public String mediaType;
    public String kind;
    @Column(name = "original_file_name")
    public String originalFileName;
    @Column(name = "object_key")
    public String objectKey;
    @JdbcTypeCode(SqlTypes.JSON)
    public String extracted;
    /** Known only when the file gives its zone (see {@link #capturedLocal}). */
    @Column(name = "captured_at")
    public Instant capturedAt;
    /** The capture time as the device's clock showed it, whatever its zone. */
    @Column(name = "captured_local")
    public LocalDateTime capturedLocal;
    @Column(name = "gps_latitude")
    public Double gpsLatitude;
    @Column(name = "gps_longitude")
    public Double gpsLongitude;
    @Column(name = "verification_status")
    public String verificationStatus;
    @Column(name = "cleared_for_sharing")
    public boolean clearedForSharing;
    @Column(name = "protected_persons_visible")
    public boolean protectedPersonsVisible;
    public boolean graphic;
    @Column(name = "review_flag")
    public String reviewFlag;
    @Column(name = "timestamp_response")
    public byte[] timestampResponse;
    @Column(name = "timestamped_at")
    public Instant timestampedAt;
    @Column(name = "last_fixity_check_at")
    public Instant lastFixityCheckAt;
    @Column(name = "last_fixity_ok")
    public Boolean lastFixityOk;
    /** The organisation that uploaded it (an ingestion script reads its own organisation's files' records). */
    public String organisation;
    /** When partners could first see the file; null while they never could. */
    @Column(name = "shared_at")
    public Instant sharedAt;
}
