package org.shahed.gateway.ratelimit;

import java.time.Duration;

import org.shahed.gateway.access.ApiCaller;
import org.shahed.gateway.routing.GatewayConfig;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Token buckets per caller (each API key, each token subject): capacity and period from the key's own limit or
 * the most generous of its roles'. Kept in this gateway's memory; several gateway replicas each allow the limit.
 */
@ApplicationScoped
public class RateLimiter {
    /** The outcome of taking one request from a bucket, with what the RateLimit-* headers tell the client. */
    public record Decision(boolean allowed, long limit, long remaining, long resetSeconds, long retryAfterSeconds) {
    }

    private record Limit(long capacity, Duration period) {
    }

    private record Entry(Limit limit, Bucket bucket) {
    }

    @Inject
    GatewayConfig config;

    private Cache<String, Entry> buckets;

    @PostConstruct
    void init() {
        // A bucket idle for an hour is dropped: it is full again (or nearly) by then.
        buckets = Caffeine.newBuilder().maximumSize(100_000).expireAfterAccess(Duration.ofHours(1)).build();
    }

    public Decision take(ApiCaller caller) {
        Limit limit = limitOf(caller);
        Entry entry = buckets.asMap().compute(caller.rateLimitKey(), (key, existing) ->
                existing != null && existing.limit().equals(limit) ? existing : new Entry(limit, bucketOf(limit)));
        ConsumptionProbe probe = entry.bucket().tryConsumeAndReturnRemaining(1);
        long reset = seconds(probe.getNanosToWaitForReset());
        return new Decision(probe.isConsumed(), limit.capacity(), probe.getRemainingTokens(), reset,
                probe.isConsumed() ? 0 : Math.max(1, seconds(probe.getNanosToWaitForRefill())));
    }

    private Limit limitOf(ApiCaller caller) {
        if (caller.ownRateLimitCapacity() != null) {
            return new Limit(caller.ownRateLimitCapacity(), caller.ownRateLimitPeriod());
        }
        Limit best = null;
        for (String role : caller.roles()) {
            GatewayConfig.RateLimit configured = config.rateLimits().get(role);
            if (configured == null) {
                continue;
            }
            Limit candidate = new Limit(configured.capacity(), configured.period());
            if (best == null || perSecond(candidate) > perSecond(best)) {
                best = candidate;
            }
        }
        return best != null ? best : new Limit(60, Duration.ofMinutes(1));
    }

    private static double perSecond(Limit limit) {
        return limit.capacity() / (double) Math.max(1, limit.period().toMillis()) * 1000;
    }

    private static Bucket bucketOf(Limit limit) {
        return Bucket.builder()
                .addLimit(bandwidth -> bandwidth.capacity(limit.capacity()).refillGreedy(limit.capacity(), limit.period()))
                .build();
    }

    private static long seconds(long nanos) {
        return (nanos + 999_999_999L) / 1_000_000_000L;
    }
}
