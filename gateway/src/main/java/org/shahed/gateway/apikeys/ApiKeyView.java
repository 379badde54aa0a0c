package org.shahed.gateway.apikeys;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An API key as admins see it: never its secret, only the first characters that identify it. */
@Schema(name = "ApiKey")
public record ApiKeyView(
        UUID id,
        String name,
        String organisation,
        List<String> roles,
        List<String> ipRanges,
        @Schema(description = "The key's own rate limit; absent means its role's") RateLimitView rateLimit,
        @Schema(description = "The first characters of the secret, to recognise it", example = "shk_3fZq9x") String keyPrefix,
        ApiKey.Status status,
        Instant expiresAt,
        @Schema(description = "Until when the secret before the last rotation still works") Instant previousKeyValidUntil,
        Instant createdAt,
        String createdBy,
        Instant rotatedAt,
        Instant revokedAt,
        String revokedBy) {

    public record RateLimitView(int capacity, @Schema(implementation = String.class, example = "PT1M") Duration period) {
    }

    static ApiKeyView of(ApiKey key, Instant now) {
        RateLimitView limit = key.rateLimitCapacity == null ? null
                : new RateLimitView(key.rateLimitCapacity, Duration.ofSeconds(key.rateLimitPeriodSeconds));
        Instant previousValid = key.previousValidUntil != null && key.previousValidUntil.isAfter(now)
                ? key.previousValidUntil : null;
        return new ApiKeyView(key.id, key.name, key.organisation, List.copyOf(key.roles), List.copyOf(key.ipRanges),
                limit, key.keyPrefix, key.status(now), key.expiresAt, previousValid, key.createdAt, key.createdBy,
                key.rotatedAt, key.revokedAt, key.revokedBy);
    }
}
