package org.shahed.platform.store;

import java.io.Serializable;
import java.time.Instant;
import java.util.UUID;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/** One state of a record as the API showed it after a change; written once, never updated or deleted. */
@Entity
@Table(name = "record_revision")
@IdClass(RecordRevision.Key.class)
public class RecordRevision extends PanacheEntityBase {
    @Id
    @Column(name = "aggregate_type")
    public String aggregateType;
    @Id
    @Column(name = "aggregate_id")
    public UUID aggregateId;
    @Id
    public long revision;
    public String change;
    @Column(name = "changed_at")
    public Instant changedAt;
    @Column(name = "changed_by")
    public String changedBy;
    public String note;
    @JdbcTypeCode(SqlTypes.JSON)
    public String snapshot;

    public record Key(String aggregateType, UUID aggregateId, long revision) implements Serializable {
    }
}
