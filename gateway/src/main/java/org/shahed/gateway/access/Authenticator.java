package org.shahed.gateway.access;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.stream.Collectors;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.shahed.gateway.apikeys.ApiKeys;
import org.shahed.platform.security.Roles;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Who a request comes from: a bearer JWT of the configured issuer, or an API key in {@code X-API-Key} (exchanged
 * for an internal token). Missing, forged, expired or revoked credentials are 401; no role, or a key used from an
 * address it is not allowed from, 403. An address with too many failures lately is answered 429 before anything is
 * checked (no key is looked up, no signature verified).
 */
@ApplicationScoped
public class Authenticator {
    public static final String API_KEY_HEADER = "X-API-Key";
    private static final Set<String> ROLES = Set.of(Roles.PARTNER, Roles.INGEST, Roles.ANALYST, Roles.REVIEWER, Roles.ADMIN);

    @Inject
    JWTParser jwtParser;
    @Inject
    ApiKeys apiKeys;
    @Inject
    InternalTokens internalTokens;
    @Inject
    Vertx vertx;
    @Inject
    FailedAuthentications failures;
    @Inject
    ClientAddresses clientAddresses;

    Clock clock = Clock.systemUTC();

    /** Tokens verified lately, until they expire (or a minute at most): verifying a signature is the costly part. */
    private final Cache<String, VerifiedToken> verifiedTokens = Caffeine.newBuilder().maximumSize(50_000)
            .expireAfterWrite(Duration.ofMinutes(1)).build();

    private record VerifiedToken(ApiCaller caller, Instant expiresAt) {
    }

    /**
     * Checks the request's credentials: at once when they were checked lately, else off the event loop (a
     * signature to verify, a key to look up). Fails with {@link AccessRefused}.
     */
    public Future<ApiCaller> authenticate(HttpServerRequest request) {
        String apiKey = request.getHeader(API_KEY_HEADER);
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        String clientAddress = clientAddresses.of(request);
        if (failures.blocked(clientAddress)) {
            long retryAfter = failures.retryAfterSeconds(clientAddress);
            return Future.failedFuture(new AccessRefused(429, "Too Many Requests", "too many failed authentications from "
                    + clientAddress + "; retry in " + retryAfter + " s", retryAfter));
        }
        return check(apiKey, authorization, clientAddress).onFailure(failure -> {
            if (failure instanceof AccessRefused refused && refused.status() == 401) {
                failures.record(clientAddress);
            }
        });
    }

    private Future<ApiCaller> check(String apiKey, String authorization, String clientAddress) {
        try {
            if (apiKey != null) {
                String secret = apiKey.trim();
                return apiKeys.isCached(secret) ? Future.succeededFuture(byApiKey(secret, clientAddress))
                        : vertx.executeBlocking(() -> byApiKey(secret, clientAddress), false);
            }
            if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
                throw unauthorized("a valid bearer token or API key (X-API-Key) is required");
            }
            String token = authorization.substring(7).trim();
            VerifiedToken verified = verifiedTokens.getIfPresent(token);
            if (verified != null && verified.expiresAt().isAfter(clock.instant())) {
                return Future.succeededFuture(verified.caller());
            }
            return vertx.executeBlocking(() -> byToken(token), false);
        } catch (AccessRefused refused) {
            return Future.failedFuture(refused);
        }
    }

    private ApiCaller byToken(String token) {
        JsonWebToken jwt;
        try {
            jwt = jwtParser.parse(token);
        } catch (ParseException e) {
            throw unauthorized("a valid bearer token or API key (X-API-Key) is required");
        }
        Set<String> roles = jwt.getGroups() == null ? Set.of()
                : jwt.getGroups().stream().filter(ROLES::contains).collect(Collectors.toUnmodifiableSet());
        if (roles.isEmpty()) {
            throw new AccessRefused(403, "Forbidden", "the token carries none of the roles");
        }
        ApiCaller caller = new ApiCaller(jwt.getName(), null, roles, token, null, null);
        verifiedTokens.put(token, new VerifiedToken(caller, Instant.ofEpochSecond(jwt.getExpirationTime())));
        return caller;
    }

    private ApiCaller byApiKey(String secret, String clientAddress) {
        ApiKeys.KeyHolder key = apiKeys.holderOf(secret)
                .filter(holder -> holder.usableAt(clock.instant()))
                .orElseThrow(() -> unauthorized("the API key is unknown, expired or revoked"));
        if (!key.allowsAddress(clientAddress)) {
            throw new AccessRefused(403, "Forbidden", "this API key may not be used from " + clientAddress);
        }
        return new ApiCaller(InternalTokens.subjectOf(key.id()), key.id(), Set.copyOf(key.roles()),
                internalTokens.tokenFor(key), key.rateLimitCapacity() == null ? null : key.rateLimitCapacity().longValue(),
                key.rateLimitPeriod());
    }

    private static AccessRefused unauthorized(String detail) {
        return new AccessRefused(401, "Unauthorized", detail);
    }
}
