package org.shahed.media.upload;

import java.time.Instant;
import java.util.UUID;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A resumable upload in progress: what the file will be, and until when the parts are kept. */
@Entity
@Table(name = "upload_session")
public class UploadSession extends PanacheEntityBase {
    @Id
    public UUID id;
    @Column(name = "file_name")
    public String fileName;
    @Column(name = "declared_type")
    public String declaredType;
    @Column(name = "client_sha256")
    public String clientSha256;
    @Column(name = "total_bytes")
    public long totalBytes;
    @Column(name = "part_bytes")
    public long partBytes;
    @JdbcTypeCode(SqlTypes.JSON)
    public String acquisition;
    /** open, completed, aborted or expired. */
    public String status;
    @Column(name = "asset_id")
    public UUID assetId;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "created_by")
    public String createdBy;
    @Column(name = "expires_at")
    public Instant expiresAt;

    public int partCount() {
        return (int) ((totalBytes + partBytes - 1) / partBytes);
    }

    public long expectedSize(int number) {
        return number < partCount() ? partBytes : totalBytes - partBytes * (partCount() - 1);
    }
}
