package org.shahed.media.derivative;

import java.io.Serializable;
import java.time.Instant;
import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/** A shareable copy made from an original (thumbnail or preview), kept in the working bucket. */
@Entity
@Table(name = "media_derivative")
@IdClass(MediaDerivative.Key.class)
public class MediaDerivative extends PanacheEntityBase {
    @Id
    @Column(name = "asset_id")
    public UUID assetId;
    @Id
    public String kind;
    @Column(name = "object_key")
    public String objectKey;
    public String sha256;
    @Column(name = "size_bytes")
    public long sizeBytes;
    @Column(name = "media_type")
    public String mediaType;
    public int width;
    public int height;
    @Column(name = "created_at")
    public Instant createdAt;

    public record Key(UUID assetId, String kind) implements Serializable {
    }
}
