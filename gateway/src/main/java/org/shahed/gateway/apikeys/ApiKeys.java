package org.shahed.gateway.apikeys;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.shahed.gateway.routing.GatewayConfig;
import org.shahed.platform.web.Cursors;
import org.shahed.platform.web.ETags;
import org.shahed.platform.web.Page;
import org.shahed.platform.web.Problems;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Parameters;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/**
 * The rules of API keys: made with a random secret of which only a SHA-256 hash is kept (256 random bits need no
 * slow hash), rotated with an optional grace period for the old secret, revoked but never deleted; and the
 * check of a presented secret, cached briefly (revocation on this gateway clears the cache at once).
 */
@ApplicationScoped
public class ApiKeys {
    static final String SECRET_PREFIX = "shk_";
    private static final Duration LONGEST_GRACE = Duration.ofDays(7);
    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    GatewayConfig config;

    Clock clock = Clock.systemUTC();
    private Cache<String, Optional<KeyHolder>> bySecretHash;

    @PostConstruct
    void init() {
        bySecretHash = Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(config.apiKeys().cacheTtl()).build();
    }

    /** What a valid secret stands for, as the gateway needs it on every request. */
    public record KeyHolder(UUID id, String organisation, List<String> roles, List<IPAddress> allowedRanges,
            Instant expiresAt, Instant revokedAt, Instant previousValidUntil, boolean previousSecret,
            Integer rateLimitCapacity, Duration rateLimitPeriod) {

        public boolean usableAt(Instant now) {
            return revokedAt == null && (expiresAt == null || expiresAt.isAfter(now))
                    && (!previousSecret || previousValidUntil != null && previousValidUntil.isAfter(now));
        }

        public boolean allowsAddress(String clientAddress) {
            if (allowedRanges.isEmpty()) {
                return true;
            }
            IPAddress address = new IPAddressString(clientAddress).getAddress();
            if (address == null) {
                return false;
            }
            IPAddress plain = address.isIPv4Convertible() ? address.toIPv4() : address;
            return allowedRanges.stream().anyMatch(range -> range.contains(plain) || range.contains(address));
        }
    }

    @Transactional
    public IssuedApiKey create(ApiKeyInput input, String by) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        ApiKey key = new ApiKey();
        key.id = UUID.randomUUID();
        key.name = input.name().strip();
        key.organisation = input.organisation().strip();
        key.roles = input.roles().stream().distinct().sorted().toList();
        key.ipRanges = normalisedRanges(input.ipRanges());
        if (input.rateLimit() != null) {
            long seconds = input.rateLimit().period().toSeconds();
            if (seconds < 1 || seconds > Duration.ofDays(1).toSeconds()) {
                throw Problems.invalidField("rateLimit.period", "between PT1S and P1D");
            }
            key.rateLimitCapacity = input.rateLimit().capacity();
            key.rateLimitPeriodSeconds = (int) seconds;
        }
        key.expiresAt = input.expiresAt();
        key.createdAt = now;
        key.createdBy = by;
        String secret = newSecret();
        key.keyHash = hash(secret);
        key.keyPrefix = secret.substring(0, SECRET_PREFIX.length() + 6);
        key.persist();
        return new IssuedApiKey(secret, ApiKeyView.of(key, now));
    }

    @Transactional
    public IssuedApiKey rotate(UUID id, RotationInput input, String ifMatch) {
        ApiKey key = existing(id);
        ETags.checkIfPresent(ifMatch, key.version);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        if (key.status(now) != ApiKey.Status.active) {
            throw Problems.conflict("only an active key can be rotated; this one is " + key.status(now));
        }
        Duration grace = input == null || input.gracePeriod() == null ? Duration.ZERO : input.gracePeriod();
        if (grace.isNegative() || grace.compareTo(LONGEST_GRACE) > 0) {
            throw Problems.invalidField("gracePeriod", "between PT0S and P7D");
        }
        String secret = newSecret();
        key.previousKeyHash = grace.isZero() ? null : key.keyHash;
        key.previousValidUntil = grace.isZero() ? null : now.plus(grace);
        key.keyHash = hash(secret);
        key.keyPrefix = secret.substring(0, SECRET_PREFIX.length() + 6);
        key.rotatedAt = now;
        key.flush();
        bySecretHash.invalidateAll();
        return new IssuedApiKey(secret, ApiKeyView.of(key, now));
    }

    @Transactional
    public ApiKeyView revoke(UUID id, String ifMatch, String by) {
        ApiKey key = existing(id);
        ETags.checkIfPresent(ifMatch, key.version);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        if (key.revokedAt == null) {
            key.revokedAt = now;
            key.revokedBy = by;
            key.flush();
        }
        bySecretHash.invalidateAll();
        return ApiKeyView.of(key, now);
    }

    @Transactional
    public ApiKey existing(UUID id) {
        ApiKey key = ApiKey.findById(id);
        if (key == null) {
            throw Problems.notFound("API key " + id);
        }
        return key;
    }

    @Transactional
    public Page<ApiKeyView> list(ApiKey.Status status, String cursor, int limit) {
        Instant now = clock.instant();
        StringBuilder where = new StringBuilder("1 = 1");
        Parameters parameters = new Parameters();
        if (cursor != null) {
            List<String> position = Cursors.decode("api-keys", cursor, 2, "cursor");
            try {
                parameters.and("afterTime", Instant.parse(position.get(0))).and("afterId", UUID.fromString(position.get(1)));
            } catch (RuntimeException e) {
                throw Cursors.invalid("cursor");
            }
            where.append(" and (createdAt > :afterTime or (createdAt = :afterTime and id > :afterId))");
        }
        if (status != null && status != ApiKey.Status.revoked) {
            parameters.and("now", now);
        }
        if (status != null) {
            where.append(switch (status) {
                case revoked -> " and revokedAt is not null";
                case expired -> " and revokedAt is null and expiresAt <= :now";
                case active -> " and revokedAt is null and (expiresAt is null or expiresAt > :now)";
            });
        }
        List<ApiKey> keys = ApiKey.<ApiKey>find(where + " order by createdAt, id", parameters).page(0, limit + 1).list();
        String next = null;
        if (keys.size() > limit) {
            keys = keys.subList(0, limit);
            ApiKey last = keys.get(limit - 1);
            next = Cursors.encode("api-keys", last.createdAt.toString(), last.id.toString());
        }
        return new Page<>(keys.stream().map(key -> ApiKeyView.of(key, now)).toList(), next);
    }

    /** Whether the check of this secret is in the cache (so {@link #holderOf} needs no database). */
    public boolean isCached(String secret) {
        return secret != null && secret.startsWith(SECRET_PREFIX) && secret.length() <= 100
                && bySecretHash.getIfPresent(hash(secret)) != null;
    }

    /**
     * The key a presented secret belongs to, current or within its rotation grace period; empty if none. Only
     * keys that exist are cached: made-up secrets would otherwise push real keys out of the cache.
     */
    public Optional<KeyHolder> holderOf(String secret) {
        if (secret == null || !secret.startsWith(SECRET_PREFIX) || secret.length() > 100) {
            return Optional.empty();
        }
        String hash = hash(secret);
        Optional<KeyHolder> cached = bySecretHash.getIfPresent(hash);
        if (cached != null) {
            return cached;
        }
        Optional<KeyHolder> loaded = load(hash);
        loaded.ifPresent(holder -> bySecretHash.put(hash, loaded));
        return loaded;
    }

    private Optional<KeyHolder> load(String hash) {
        return QuarkusTransaction.joiningExisting().call(() -> ApiKey.<ApiKey>find(
                "keyHash = ?1 or previousKeyHash = ?1", hash).firstResultOptional().map(key -> new KeyHolder(key.id, key.organisation, List.copyOf(key.roles),
                        key.ipRanges.stream().map(range -> new IPAddressString(range).getAddress()).toList(),
                        key.expiresAt, key.revokedAt, key.previousValidUntil, !hash.equals(key.keyHash),
                        key.rateLimitCapacity,
                        key.rateLimitPeriodSeconds == null ? null : Duration.ofSeconds(key.rateLimitPeriodSeconds))));
    }

    private static List<String> normalisedRanges(List<String> ranges) {
        List<String> normalised = new ArrayList<>();
        if (ranges == null) {
            return normalised;
        }
        for (int i = 0; i < ranges.size(); i++) {
            IPAddressString range = new IPAddressString(ranges.get(i).strip());
            IPAddress address = range.getAddress();
            if (!range.isIPAddress() || address == null) {
                throw Problems.invalidField("ipRanges[" + i + "]", "not an IP address or CIDR range");
            }
            normalised.add(address.toPrefixBlock().toCanonicalString());
        }
        return normalised;
    }

    private static String newSecret() {
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        return SECRET_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    static String hash(String secret) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
