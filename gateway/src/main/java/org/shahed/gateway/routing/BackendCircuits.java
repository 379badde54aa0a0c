package org.shahed.gateway.routing;

import java.time.Duration;

import org.jboss.logging.Logger;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * One circuit breaker per backend, judged on a failure rate over a sliding time window. Callers report what the
 * backend did ({@link CircuitBreaker#onSuccess}, {@link CircuitBreaker#onError}) or that the call did not count
 * ({@link CircuitBreaker#releasePermission}: the client went away). A change of state is logged once; requests
 * refused while open are counted in the metrics ({@code resilience4j_circuitbreaker_not_permitted_calls_total}),
 * never logged one by one.
 */
@ApplicationScoped
public class BackendCircuits {
    private static final Logger LOG = Logger.getLogger(BackendCircuits.class);

    @Inject
    GatewayConfig config;
    @Inject
    MeterRegistry meters;

    private CircuitBreakerRegistry registry;

    @PostConstruct
    void init() {
        GatewayConfig.Circuit circuit = config.resilience().circuit();
        registry = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.TIME_BASED)
                .slidingWindowSize((int) Math.max(1, circuit.window().toSeconds()))
                .minimumNumberOfCalls(circuit.minimumCalls())
                .failureRateThreshold(circuit.failureRate())
                .waitDurationInOpenState(circuit.openFor())
                .permittedNumberOfCallsInHalfOpenState(circuit.trialCalls())
                // Slow answers are not failures here: a large upload or export legitimately takes long.
                .slowCallDurationThreshold(Duration.ofDays(1))
                .build());
        registry.getEventPublisher().onEntryAdded(added -> logTransitions(added.getAddedEntry()));
        TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(registry).bindTo(meters);
    }

    /** The circuit of {@code backend} (a service name), made on first use. */
    public CircuitBreaker of(String backend) {
        return registry.circuitBreaker(backend);
    }

    /** Seconds a client should wait before trying a backend whose circuit is open. */
    public long retryAfterSeconds() {
        return Math.max(1, config.resilience().circuit().openFor().toSeconds());
    }

    private void logTransitions(CircuitBreaker breaker) {
        breaker.getEventPublisher().onStateTransition(event -> {
            CircuitBreaker.Metrics metrics = breaker.getMetrics();
            String state = switch (event.getStateTransition().getToState()) {
                case OPEN -> "open: requests to it are answered 503 at once for " + config.resilience().circuit().openFor();
                case HALF_OPEN -> "half-open: trial requests go through";
                case CLOSED -> "closed: requests go through again";
                default -> event.getStateTransition().getToState().name().toLowerCase();
            };
            String measured = String.format(" (%.0f %% of %d calls in the window failed)", metrics.getFailureRate(),
                    metrics.getNumberOfBufferedCalls());
            if (event.getStateTransition().getToState() == CircuitBreaker.State.CLOSED) {
                LOG.infof("circuit of %s %s", event.getCircuitBreakerName(), state);
            } else {
                LOG.warnf("circuit of %s %s%s", event.getCircuitBreakerName(), state,
                        metrics.getFailureRate() < 0 ? "" : measured);
            }
        });
    }
}
