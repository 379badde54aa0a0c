package org.shahed.gateway.ratelimit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import org.jboss.logging.Logger;
import org.shahed.gateway.access.ApiCaller;
import org.shahed.gateway.routing.GatewayConfig;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * Token buckets per caller (each API key, each token subject), shared by every gateway replica: capacity and period
 * from the key's own limit or the most generous of its roles'. The bucket lives in the gateway's database
 * ({@code rate_limit_take}); each replica takes tokens from it in lots of a twentieth of the capacity, spends them
 * within a second or lets them go, and goes back for more. So the limit holds across replicas, and a caller may get
 * at most one lot per replica more within any one window. While the database cannot be reached, each replica
 * limits on its own (buckets in its memory).
 */
@ApplicationScoped
public class RateLimiter {
    private static final Logger LOG = Logger.getLogger(RateLimiter.class);
    private static final long LEASE_NANOS = Duration.ofSeconds(1).toNanos();
    private static final long PRUNE_EVERY_MILLIS = Duration.ofMinutes(10).toMillis();
    private static final String TAKE = "SELECT taken, remaining FROM rate_limit_take(?, ?, ?, ?)";

    /** The outcome of taking one request from a bucket, with what the RateLimit-* headers tell the client. */
    public record Decision(boolean allowed, long limit, long remaining, long resetSeconds, long retryAfterSeconds) {
    }

    /** How many requests a caller may make per period. */
    public record Limit(long capacity, Duration period) {
        double perSecond() {
            return capacity / (double) Math.max(1, period.toMillis()) * 1000;
        }

        int lot() {
            return (int) Math.max(1, Math.min(Integer.MAX_VALUE, capacity / 20));
        }
    }

    /** What this replica holds of one caller's shared bucket. Guarded by itself. */
    private static final class Allowance {
        final Limit limit;
        long tokens;
        long expiresAt;
        /** What the shared bucket held after this replica's last take, and whether that take got a whole lot. */
        double sharedLeft;
        boolean lastLotWhole = true;
        /** After a take that emptied the shared bucket: when it holds a whole token again (at most a lease away). */
        long askAgainAt;
        /** The take from the shared bucket in progress, if any: requests that find nothing to spend wait for it. */
        Future<Void> refill;

        Allowance(Limit limit) {
            this.limit = limit;
        }
    }

    @Inject
    GatewayConfig config;
    @Inject
    DataSource dataSource;
    @Inject
    Vertx vertx;
    @Inject
    MeterRegistry meters;

    private final Cache<String, Allowance> allowances = Caffeine.newBuilder().maximumSize(100_000)
            .expireAfterAccess(Duration.ofHours(1)).build();
    /** Each replica's own buckets, used only while the shared ones cannot be reached. */
    private final Cache<String, Bucket> fallback = Caffeine.newBuilder().maximumSize(100_000)
            .expireAfterAccess(Duration.ofHours(1)).build();
    private final AtomicLong lastFallbackWarning = new AtomicLong();
    private Counter refused;

    void start(@Observes StartupEvent event) {
        refused = Counter.builder("shahed.rate.limit.refused").description("Requests refused (429) by a rate limit")
                .register(meters);
        // A bucket full again is the same as none: such rows go (any replica may do it; doing it twice is harmless).
        vertx.setPeriodic(PRUNE_EVERY_MILLIS, timer -> vertx.executeBlocking(() -> {
            try (Connection connection = dataSource.getConnection();
                    PreparedStatement prune = connection.prepareStatement("DELETE FROM rate_limit_bucket WHERE full_at < now()")) {
                return prune.executeUpdate();
            }
        }, false).onFailure(failure -> LOG.debugf("rate limits: full buckets not pruned this time: %s", failure)));
    }

    /** Takes one request from the caller's bucket: at once while this replica holds tokens, else after a take. */
    public Future<Decision> take(ApiCaller caller) {
        Limit limit = limitOf(caller);
        String key = caller.rateLimitKey();
        Allowance allowance = allowances.asMap().compute(key, (k, existing) ->
                existing != null && existing.limit.equals(limit) ? existing : new Allowance(limit));
        Future<Void> refill;
        synchronized (allowance) {
            Decision spent = spend(allowance);
            if (spent != null) {
                return Future.succeededFuture(spent);
            }
            if (!allowance.lastLotWhole && allowance.refill == null && allowance.askAgainAt - System.nanoTime() > 0) {
                // The shared bucket was emptied a moment ago: refused without asking again until a token is back.
                return Future.succeededFuture(refusal(allowance));
            }
            if (allowance.refill == null) {
                allowance.refill = vertx.<Void>executeBlocking(() -> {
                    takeShared(key, allowance);
                    return null;
                }, false);
            }
            refill = allowance.refill;
        }
        // Continued on the request's own event loop, whichever request began the take.
        Context context = vertx.getOrCreateContext();
        Promise<Decision> decided = Promise.promise();
        refill.onComplete(done -> context.runOnContext(ignored -> {
            if (done.failed()) {
                decided.complete(fromFallback(key, limit, done.cause()));
                return;
            }
            Decision spent;
            boolean again;
            synchronized (allowance) {
                spent = spend(allowance);
                again = spent == null && allowance.lastLotWhole;
            }
            if (spent != null) {
                decided.complete(spent);
            } else if (again) {
                take(caller).onComplete(decided); // others spent the lot first, and the bucket has more
            } else {
                decided.complete(refusal(allowance));
            }
        }));
        return decided.future();
    }

    /** Spends a token this replica holds, or null when it holds none (or they expired). */
    private static Decision spend(Allowance allowance) {
        if (allowance.tokens <= 0 || allowance.expiresAt - System.nanoTime() <= 0) {
            allowance.tokens = 0;
            return null;
        }
        allowance.tokens--;
        Limit limit = allowance.limit;
        double left = allowance.tokens + allowance.sharedLeft;
        return new Decision(true, limit.capacity(), (long) Math.floor(left),
                (long) Math.ceil(Math.max(0, limit.capacity() - left) / limit.perSecond()), 0);
    }

    private Decision refusal(Allowance allowance) {
        if (refused != null) {
            refused.increment();
        }
        Limit limit = allowance.limit;
        double missing;
        synchronized (allowance) {
            missing = Math.max(0, 1 - allowance.sharedLeft);
        }
        long retryAfter = Math.max(1, (long) Math.ceil(missing / limit.perSecond()));
        return new Decision(false, limit.capacity(), 0, (long) Math.ceil(limit.capacity() / limit.perSecond()), retryAfter);
    }

    /** Takes a lot from the shared bucket into the allowance (on a worker thread). */
    private void takeShared(String key, Allowance allowance) throws SQLException {
        Limit limit = allowance.limit;
        int taken;
        double remaining;
        try {
            try (Connection connection = dataSource.getConnection(); PreparedStatement take = connection.prepareStatement(TAKE)) {
                take.setString(1, key);
                take.setDouble(2, limit.capacity());
                take.setDouble(3, limit.perSecond());
                take.setInt(4, limit.lot());
                try (ResultSet row = take.executeQuery()) {
                    row.next();
                    taken = row.getInt(1);
                    remaining = row.getDouble(2);
                }
            }
        } finally {
            synchronized (allowance) {
                allowance.refill = null;
            }
        }
        synchronized (allowance) {
            allowance.tokens = taken;
            allowance.expiresAt = System.nanoTime() + LEASE_NANOS;
            allowance.sharedLeft = remaining;
            allowance.lastLotWhole = taken == limit.lot();
            double secondsToNextToken = Math.max(0, 1 - remaining) / limit.perSecond();
            allowance.askAgainAt = System.nanoTime() + Math.min(LEASE_NANOS, (long) (secondsToNextToken * 1e9));
        }
    }

    private Decision fromFallback(String key, Limit limit, Throwable failure) {
        long now = System.currentTimeMillis();
        long last = lastFallbackWarning.get();
        if (now - last > 60_000 && lastFallbackWarning.compareAndSet(last, now)) {
            LOG.warnf("rate limits: the shared buckets cannot be reached, each replica limits on its own meanwhile: %s",
                    failure.toString());
        }
        Bucket bucket = fallback.get(key + "|" + limit, k -> Bucket.builder()
                .addLimit(bandwidth -> bandwidth.capacity(limit.capacity()).refillGreedy(limit.capacity(), limit.period()))
                .build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed() && refused != null) {
            refused.increment();
        }
        return new Decision(probe.isConsumed(), limit.capacity(), probe.getRemainingTokens(),
                seconds(probe.getNanosToWaitForReset()),
                probe.isConsumed() ? 0 : Math.max(1, seconds(probe.getNanosToWaitForRefill())));
    }

    /** The caller's limit: its key's own, else the most generous of its roles'. */
    public Limit limitOf(ApiCaller caller) {
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
            if (best == null || candidate.perSecond() > best.perSecond()) {
                best = candidate;
            }
        }
        return best != null ? best : new Limit(60, Duration.ofMinutes(1));
    }

    private static long seconds(long nanos) {
        return (nanos + 999_999_999L) / 1_000_000_000L;
    }
}
