package org.shahed.media.upload;

import java.io.Serializable;
import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/** A received part of a resumable upload, kept as a staging object until the upload ends. */
@Entity
@Table(name = "upload_part")
@IdClass(UploadPart.Key.class)
public class UploadPart extends PanacheEntityBase {
    @Id
    @Column(name = "session_id")
    public UUID sessionId;
    @Id
    public int number;
    @Column(name = "size_bytes")
    public long sizeBytes;
    public String sha256;

    public record Key(UUID sessionId, int number) implements Serializable {
    }
}
