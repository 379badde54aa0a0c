package org.shahed.platform.outbox;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The outbox relay in {@code /q/health/live}: down when its thread has ended while it should run, so that the
 * orchestrator restarts the service (its change events would otherwise wait for ever, unseen).
 */
@Liveness
@ApplicationScoped
public class RelayHealth implements HealthCheck {
    @Inject
    OutboxRelay relay;

    @Override
    public HealthCheckResponse call() {
        if (relay.alive()) {
            return HealthCheckResponse.up("outbox-relay");
        }
        return HealthCheckResponse.named("outbox-relay").down().withData("ended", String.valueOf(relay.end())).build();
    }
}
