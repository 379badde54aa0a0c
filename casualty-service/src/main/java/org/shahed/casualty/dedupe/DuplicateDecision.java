package org.shahed.casualty.dedupe;

import java.time.Instant;
import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One decision on a pair of records (the pair in id order); the latest row of a pair is its decision. */
@Entity
@Table(name = "duplicate_decision")
public class DuplicateDecision extends PanacheEntityBase {
    public static final String SAME = "same";
    public static final String DIFFERENT = "different";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "record_low")
    public UUID recordLow;
    @Column(name = "record_high")
    public UUID recordHigh;
    public String decision;
    public String note;
    @Column(name = "decided_by")
    public String decidedBy;
    @Column(name = "decided_at")
    public Instant decidedAt;
}
