package org.shahed.platform.outbox;

import java.time.Instant;
import java.util.UUID;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One change event waiting in (or already relayed from) the outbox table. */
@Entity
@Table(name = "outbox_event")
public class OutboxEvent extends PanacheEntityBase {
    /** The aggregate id and event type of a row that holds a batch of events. */
    public static final String BATCH = "(batch)";

    @Id
    public UUID id;

    /** Position assigned by the database on insert; the relay publishes in this order. Not read back. */
    @Column(insertable = false, updatable = false)
    public Long sequence;

    public String topic;

    @Column(name = "aggregate_type")
    public String aggregateType;

    @Column(name = "aggregate_id")
    public String aggregateId;

    @Column(name = "event_type")
    public String eventType;

    /** 1, or how many events the payload's JSON array holds (each {@code {"id", "subject", "type", "data"}}). */
    @Column(name = "event_count")
    public int eventCount;

    @JdbcTypeCode(SqlTypes.JSON)
    public String payload;

    @Column(name = "occurred_at")
    public Instant occurredAt;

    @Column(name = "published_at")
    public Instant publishedAt;

    public int attempts;

    /** The W3C traceparent of the write that made it; its events carry it on (CloudEvents distributed tracing). */
    public String traceparent;

    @Column(name = "last_error")
    public String lastError;
}
