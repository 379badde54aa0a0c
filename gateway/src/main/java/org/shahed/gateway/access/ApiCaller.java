package org.shahed.gateway.access;

import java.time.Duration;
import java.util.Set;
import java.util.UUID;

/**
 * Who is calling through the gateway: the subject of a bearer token or an API key, the roles, the token passed on
 * to the services, and the key's own rate limit when it has one.
 */
public record ApiCaller(String subject, UUID apiKeyId, Set<String> roles, String bearerToken,
        Long ownRateLimitCapacity, Duration ownRateLimitPeriod) {

    /** The name its rate limit is kept under: each key, and each token subject, has its own bucket. */
    public String rateLimitKey() {
        return apiKeyId != null ? "key:" + apiKeyId : "sub:" + subject;
    }
}
