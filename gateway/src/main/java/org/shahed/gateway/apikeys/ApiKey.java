package org.shahed.gateway.apikeys;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** An API key of a partner organisation or script; only the hash of its secret is stored. */
@Entity
@Table(name = "api_key")
public class ApiKey extends PanacheEntityBase {
    @Id
    public UUID id;
    public String name;
    public String organisation;
    @JdbcTypeCode(SqlTypes.ARRAY)
    public List<String> roles;
    @Column(name = "ip_ranges")
    @JdbcTypeCode(SqlTypes.ARRAY)
    public List<String> ipRanges;
    @Column(name = "rate_limit_capacity")
    public Integer rateLimitCapacity;
    @Column(name = "rate_limit_period_s")
    public Integer rateLimitPeriodSeconds;
    @Column(name = "key_prefix")
    public String keyPrefix;
    @Column(name = "key_hash")
    public String keyHash;
    @Column(name = "previous_key_hash")
    public String previousKeyHash;
    @Column(name = "previous_valid_until")
    public Instant previousValidUntil;
    @Column(name = "expires_at")
    public Instant expiresAt;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "created_by")
    public String createdBy;
    @Column(name = "rotated_at")
    public Instant rotatedAt;
    @Column(name = "revoked_at")
    public Instant revokedAt;
    @Column(name = "revoked_by")
    public String revokedBy;
    @Version
    public int version;

    @Schema(name = "ApiKeyStatus", description = "A key's state: only active keys are exchanged for tokens")
    public enum Status {
        active, expired, revoked
    }

    public Status status(Instant now) {
        if (revokedAt != null) {
            return Status.revoked;
        }
        return expiresAt != null && !expiresAt.isAfter(now) ? Status.expired : Status.active;
    }
}
