package org.shahed.casualty.ingest;

import java.io.Serializable;
import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/** Why one row of an import was rejected. */
@Entity
@Table(name = "import_error")
@IdClass(ImportError.Key.class)
public class ImportError extends PanacheEntityBase {
    @Id
    @Column(name = "job_id")
    public UUID jobId;
    @Id
    @Column(name = "row_number")
    public long rowNumber;
    @Id
    public String field;
    public String reason;
    /** The row's own id in its source system, when the row gave one: how the sender finds the row again. */
    @Column(name = "external_id")
    public String externalId;

    public record Key(UUID jobId, long rowNumber, String field) implements Serializable {
    }
}
