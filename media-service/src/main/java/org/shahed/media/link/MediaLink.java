package org.shahed.media.link;

import java.time.Instant;
import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A link from an evidence file to an incident or a casualty record, with why; removed links are kept. */
@Entity
@Table(name = "media_link")
public class MediaLink extends PanacheEntityBase {
    @Id
    public UUID id;
    @Column(name = "asset_id")
    public UUID assetId;
    @Column(name = "target_type")
    public String targetType;
    @Column(name = "target_id")
    public UUID targetId;
    public String reason;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "created_by")
    public String createdBy;
    @Column(name = "removed_at")
    public Instant removedAt;
    @Column(name = "removed_by")
    public String removedBy;
}
