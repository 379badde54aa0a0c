package org.shahed.gateway.access;

import java.time.Duration;
import java.util.HashSet;
import java.util.UUID;

import org.shahed.gateway.apikeys.ApiKeys;
import org.shahed.gateway.routing.GatewayConfig;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.smallrye.jwt.build.Jwt;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The short-lived tokens an API key is exchanged for, so that the services only ever verify JWTs (and never see
 * a key): signed with the gateway's own key (named by {@code kid}) under its own issuer, for the audience
 * {@code shahed}, carrying the key's roles (partner and/or ingest, all services accept from this issuer) and its
 * organisation. One token per key is reused until shortly before it expires: signing is the costly part.
 */
@ApplicationScoped
public class InternalTokens {
    @Inject
    GatewayConfig config;

    private Cache<UUID, String> byKey;

    @PostConstruct
    void init() {
        Duration lifetime = config.apiKeys().tokenLifetime();
        byKey = Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(lifetime.multipliedBy(4).dividedBy(5)).build();
    }

    /** The subject under which a key's requests are recorded by the services and in the audit log. */
    public static String subjectOf(UUID apiKeyId) {
        return "api-key:" + apiKeyId;
    }

    public String tokenFor(ApiKeys.KeyHolder key) {
        return byKey.get(key.id(), id -> Jwt.upn(subjectOf(id)).subject(subjectOf(id))
                .groups(new HashSet<>(key.roles()))
                .claim("organisation", key.organisation())
                .claim("api_key_id", id.toString())
                .expiresIn(config.apiKeys().tokenLifetime())
                .jws().keyId(config.apiKeys().signingKeyId())
                .sign());
    }
}
