package org.shahed.gateway.audit;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.hibernate.annotations.Immutable;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * One request through the gateway, as the audit log keeps it: its entry joined with its outcome (written by
 * {@link AuditLog}, never changed). Read-only.
 */
@Entity
@Immutable
@Table(name = "audit_log")
public class AuditEntry extends PanacheEntityBase {
    @Id
    public Long id;
    public Instant at;
    @Column(name = "request_id")
    public String requestId;
    public String subject;
    @Column(name = "api_key_id")
    public UUID apiKeyId;
    @JdbcTypeCode(SqlTypes.ARRAY)
    public List<String> roles;
    @Column(name = "client_ip")
    public String clientIp;
    public String method;
    public String path;
    public String query;
    @Column(name = "resource_ids")
    @JdbcTypeCode(SqlTypes.ARRAY)
    public List<UUID> resourceIds;
    public String backend;
    @Column(name = "trace_id")
    public String traceId;
    /** Absent when the gateway stopped before the request ended. */
    public Integer status;
    @Column(name = "duration_ms")
    public Integer durationMs;
}
