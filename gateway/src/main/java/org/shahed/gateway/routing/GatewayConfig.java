package org.shahed.gateway.routing;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.quarkus.runtime.configuration.MemorySize;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "shahed.gateway")
public interface GatewayConfig {
    /**
     * The services behind the gateway, by name (e.g. {@code incident-service}): where each is, and which parts of
     * the API it answers. The one registry that routing, the dossier, the circuits and the merged OpenAPI read.
     */
    Map<String, Service> services();

    /**
     * The gateway's public base URL (e.g. {@code https://api.example.org}), to which links the services answer
     * with ({@code Location}) are rewritten; absent, the base the client called.
     */
    Optional<URI> publicUrl();

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

    /**
     * Largest header section (names, values and line ends) of an API request: above it, 431 with a problem. The
     * HTTP server's own limit ({@code quarkus.http.limits.max-header-size}) is set higher, as a backstop that
     * closes the connection without a body.
     */
    @WithDefault("16K")
    MemorySize maxHeaderSize();

    ApiKeys apiKeys();

    /** Token buckets per role; a caller with several roles gets the most generous of them. */
    Map<String, RateLimit> rateLimits();

    Resilience resilience();

    Audit audit();

    /**
     * The dashboards' origins whose browsers may call the API (comma-separated; {@code quarkus.http.cors.origins}
     * reads them). Required: without it the gateway does not start.
     */
    List<String> corsOrigins();

    /**
     * The ingress's or load balancer's addresses or CIDR ranges, whose {@code X-Forwarded-For} names the client
     * (for API keys' address ranges, failed-authentication limits, the audit log). None by default: the address of
     * the connection is the client's.
     */
    Optional<List<String>> trustedProxies();

    /** Failed authentications allowed per client address (a token bucket), before the address is refused. */
    FailedAuthentications failedAuthentications();

    /** How dossier packets are signed and time-stamped. */
    Dossiers dossiers();

    interface Dossiers {
        /**
         * The RSA private key (PKCS#8 PEM) that signs the manifest of every dossier packet. Long-lived and kept apart
         * from the token key: a packet filed years ago must still verify against the published public key.
         */
        String signingKeyLocation();

        /** Public keys that signed packets before a rotation (PEM locations by kid), published for ever after it. */
        Map<String, String> previousPublicKeys();

        /**
         * An RFC 3161 time-stamping authority that signs each packet's manifest hash with the time; absent, packets
         * are signed but not time-stamped (their time is then the suite's word only).
         */
        Optional<URI> tsaUrl();
    }

    interface FailedAuthentications {
        @WithDefault("30")
        long capacity();

        @WithDefault("1m")
        Duration period();
    }

    interface ApiKeys {
        /** How long a key check is cached on this gateway (another gateway sees a revocation after at most this). */
        @WithDefault("10s")
        Duration cacheTtl();

        /** Lifetime of the internal token a key is exchanged for. */
        @WithDefault("5m")
        Duration tokenLifetime();

        /** The {@code kid} of the key that signs internal tokens, for services that verify with a JWKS. */
        @WithDefault("shahed-gateway-1")
        String signingKeyId();

        /**
         * Public keys that signed tokens before the current one (PEM locations by their kid), still published in the
         * gateway's JWKS after a rotation until the tokens they signed have expired.
         */
        Map<String, String> previousPublicKeys();
    }

    interface RateLimit {
        /** Requests per period, also the largest burst. */
        long capacity();

        @WithDefault("1m")
        Duration period();
    }

    /** The audit log of every request: how long an answer may wait for its entry, how long entries are kept. */
    interface Audit {
        /**
         * How long a request may wait for its entry to be written (the database slow or down) before it is answered
         * 503 instead: nothing is answered, and no write reaches a service, unrecorded.
         */
        @WithDefault("5s")
        Duration maxWait();

        /**
         * How long entries are kept; absent, for ever. Whole months are dropped once all of their entries are older
         * than this. It may not be shorter than the legal hold: the gateway refuses to start.
         */
        Optional<Duration> retention();

        /** The period during which no entry may be deleted, whatever the retention says. */
        @WithDefault("3650d")
        Duration legalHold();

        /** How often partitions are made ahead and months past retention dropped. */
        @WithDefault("6h")
        Duration maintenanceEvery();
    }

    interface Resilience {
        /** Further attempts to connect to a backend for GET, HEAD and OPTIONS (nothing has been sent yet). */
        @WithDefault("2")
        int connectRetries();

        Circuit circuit();
    }

    /**
     * When a backend's circuit opens: a failure rate over a sliding time window, counting only what the backend did
     * wrong (a refused or failed connection, no answer in time, a 5xx it sent); a client that went away counts for
     * nothing.
     */
    interface Circuit {
        /** Percentage of failed calls in the window at or above which the circuit opens. */
        @WithDefault("50")
        float failureRate();

        /** The sliding window the rate is measured over (whole seconds). */
        @WithDefault("10s")
        Duration window();

        /** Fewest calls in the window before the rate is judged at all. */
        @WithDefault("20")
        int minimumCalls();

        /** How long an open circuit answers 503 at once before letting trial requests through. */
        @WithDefault("10s")
        Duration openFor();

        /** Trial requests let through while half-open; their failure rate decides whether it closes again. */
        @WithDefault("3")
        int trialCalls();
    }

    interface Service {
        /** Where it is (e.g. {@code http://incident-service:8080}); no default, so a deployment must say. */
        URI url();

        /** The first segments after /api/v1/ of the paths it answers (e.g. {@code incidents}). */
        List<String> paths();

        /** The paths after /api/v1/admin/ it answers (e.g. {@code reconciliation/incident-projection}). */
        Optional<List<String>> adminPaths();
    }
}
