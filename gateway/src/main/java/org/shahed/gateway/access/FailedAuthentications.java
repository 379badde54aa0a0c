package org.shahed.gateway.access;

import java.time.Duration;

import org.shahed.gateway.routing.GatewayConfig;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.github.bucket4j.Bucket;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Failed authentications per client address, as token buckets: an address that used up its bucket (guessing keys,
 * replaying forged tokens) is refused before its credentials cost a database query or a signature check, until the
 * period is over (the bucket refills at once, then). Successful requests take nothing from it.
 */
@ApplicationScoped
public class FailedAuthentications {
    @Inject
    GatewayConfig config;

    private Cache<String, Bucket> buckets;

    @PostConstruct
    void init() {
        buckets = Caffeine.newBuilder().maximumSize(100_000)
                .expireAfterAccess(config.failedAuthentications().period().multipliedBy(2)).build();
    }

    boolean blocked(String address) {
        Bucket bucket = buckets.getIfPresent(address);
        return bucket != null && bucket.getAvailableTokens() < 1;
    }

    long retryAfterSeconds(String address) {
        Bucket bucket = buckets.getIfPresent(address);
        long nanos = bucket == null ? 0 : bucket.estimateAbilityToConsume(1).getNanosToWaitForRefill();
        return Math.max(1, Duration.ofNanos(nanos).toSeconds() + 1);
    }

    void record(String address) {
        GatewayConfig.FailedAuthentications limit = config.failedAuthentications();
        buckets.get(address, a -> Bucket.builder().addLimit(bandwidth -> bandwidth.capacity(limit.capacity())
                .refillIntervally(limit.capacity(), limit.period())).build()).tryConsume(1);
    }
}
