package org.shahed.platform.outbox;

import java.time.Duration;
import java.util.Map;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How a service publishes its change events. */
@ConfigMapping(prefix = "shahed.outbox")
public interface OutboxConfig {
    /** The service's Kafka topic, e.g. {@code shahed.incidents}. */
    String topic();

    /** CloudEvents {@code source} of the service's events, e.g. {@code /shahed/incident-service}. */
    String source();

    Relay relay();

    interface Relay {
        /** Off only for tests or tools that must not publish. */
        @WithDefault("true")
        boolean enabled();

        /** How often pending events are looked for when no commit has signalled new ones. */
        @WithDefault("250ms")
        Duration pollInterval();

        @WithDefault("500")
        int batchSize();

        /** First wait after a failed publication; doubled on each further failure. */
        @WithDefault("200ms")
        Duration initialBackoff();

        @WithDefault("15s")
        Duration maxBackoff();

        /** Kafka producer settings added to (and overriding) the shared {@code kafka.*} configuration. */
        Map<String, String> producer();
    }
}
