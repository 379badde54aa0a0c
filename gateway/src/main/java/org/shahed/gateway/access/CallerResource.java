package org.shahed.gateway.access;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.shahed.gateway.apikeys.ApiKey;
import org.shahed.gateway.ratelimit.RateLimiter;
import org.shahed.platform.security.Roles;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;

@Path("/api/v1/me")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Access", description = "Who the gateway takes the caller for")
public class CallerResource {
    @Inject
    JsonWebToken token;
    @Inject
    RateLimiter rateLimiter;

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "Caller", description = "The caller as the gateway sees it: roles, the API key's id and expiry, the rate limit")
    public record CallerView(String subject, List<String> roles, String organisation,
            @Schema(description = "The API key the request came with, if any") KeyView apiKey,
            @Schema(description = "When the caller's bearer token expires (absent for API keys)") Instant tokenExpiresAt,
            @Schema(description = "Requests allowed per period (the RateLimit-* headers say what is left)") LimitView rateLimit) {
    }

    /** The key by its id and expiry: its name and notes are the admins' (the disclosure table keeps keys to them). */
    @Schema(name = "CallerApiKey")
    public record KeyView(UUID id, String keyPrefix, Instant expiresAt) {
    }

    @Schema(name = "CallerRateLimit")
    public record LimitView(long capacity, @Schema(description = "ISO-8601", example = "PT1M") String period) {
    }

    @GET
    @RolesAllowed({ Roles.PARTNER, Roles.INGEST, Roles.ANALYST, Roles.REVIEWER, Roles.ADMIN })
    @Operation(summary = "Who the caller is: subject, roles, organisation, API key (id, prefix) and its expiry, rate limit")
    public CallerView me(@Context RoutingContext context) {
        ApiCaller caller = context.get(ApiCaller.class.getName());
        RateLimiter.Limit limit = rateLimiter.limitOf(caller);
        KeyView key = null;
        if (caller.apiKeyId() != null) {
            ApiKey stored = ApiKey.findById(caller.apiKeyId());
            key = new KeyView(stored.id, stored.keyPrefix, stored.expiresAt);
        }
        Object organisation = token.getClaim("organisation");
        return new CallerView(caller.subject(), caller.roles().stream().sorted().toList(),
                organisation == null ? null : organisation.toString(), key,
                caller.apiKeyId() == null && token.getExpirationTime() > 0 ? Instant.ofEpochSecond(token.getExpirationTime()) : null,
                new LimitView(limit.capacity(), limit.period().toString()));
    }
}
