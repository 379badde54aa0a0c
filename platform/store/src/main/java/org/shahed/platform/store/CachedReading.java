package org.shahed.platform.store;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * A value read from the database at most once per {@code freshFor}: gauges are scraped often, by every scraper of
 * every replica, and their queries need not run each time. A reading that fails is not kept; the next one tries again.
 */
public final class CachedReading<T> {
    private final Duration freshFor;
    private final Supplier<T> read;
    private volatile T value;
    private volatile Instant readAt = Instant.EPOCH;

    public CachedReading(Duration freshFor, Supplier<T> read) {
        this.freshFor = freshFor;
        this.read = read;
    }

    public T get() {
        if (value == null || Instant.now().isAfter(readAt.plus(freshFor))) {
            value = read.get();
            readAt = Instant.now();
        }
        return value;
    }
}
