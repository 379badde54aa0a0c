package org.shahed.casualty.record;

import java.time.Instant;
import java.util.UUID;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One duplicate merged into a survivor, with the sources the survivor gained, so that it can be undone. */
@Entity
@Table(name = "casualty_merge")
public class CasualtyMerge extends PanacheEntityBase {
    @Id
    public UUID id;
    @Column(name = "survivor_id")
    public UUID survivorId;
    @Column(name = "merged_id")
    public UUID mergedId;
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "sources_added")
    public String sourcesAdded;
    @Column(name = "merged_at")
    public Instant mergedAt;
    @Column(name = "merged_by")
    public String mergedBy;
    @Column(name = "unmerged_at")
    public Instant unmergedAt;
    @Column(name = "unmerged_by")
    public String unmergedBy;
}
