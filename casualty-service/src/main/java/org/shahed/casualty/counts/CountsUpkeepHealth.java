package org.shahed.casualty.counts;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The counts upkeep in {@code /q/health/live}: down when its thread has ended while the service runs, so that the
 * orchestrator restarts it (incident counts would otherwise stop following single writes).
 */
@Liveness
@ApplicationScoped
public class CountsUpkeepHealth implements HealthCheck {
    @Inject
    CountsUpkeep upkeep;

    @Override
    public HealthCheckResponse call() {
        return upkeep.alive() ? HealthCheckResponse.up("counts-upkeep") : HealthCheckResponse.down("counts-upkeep");
    }
}
