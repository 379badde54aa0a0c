package org.shahed.gateway.routing;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import io.quarkus.runtime.configuration.MemorySize;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "shahed.gateway")
public interface GatewayConfig {
    Backends backends();

    /** How long a backend may take to accept a connection. */
    @WithDefault("5s")
    Duration connectTimeout();

    /** How long a backend may stay silent during a request before the gateway answers 504. */
    @WithDefault("60s")
    Duration idleTimeout();

    /**
     * Largest request body per first path segment after /api/v1 (e.g. {@code media}, {@code casualty-imports}),
     * and {@code default} for the rest; a declared Content-Length above it is refused with 413 before anything
     * reaches a service (which enforces its own limit on streamed bodies too).
     */
    Map<String, MemorySize> bodyLimits();

    interface Backends {
        URI incident();

        URI casualty();

        URI media();
    }
}
