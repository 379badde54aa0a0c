package org.shahed.gateway.routing;

import java.net.URI;
import java.time.Duration;

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

    interface Backends {
        URI incident();

        URI casualty();

        URI media();
    }
}
