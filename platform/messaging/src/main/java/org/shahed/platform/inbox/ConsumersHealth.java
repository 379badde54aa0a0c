package org.shahed.platform.inbox;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Liveness;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The service's event consumers in {@code /q/health/live}: down while one of them fails (it starts again by
 * itself; an orchestrator restarts the service if it keeps failing), with each consumer's state and restarts.
 */
@Liveness
@ApplicationScoped
public class ConsumersHealth implements HealthCheck {
    @Inject
    EventSubscriptions subscriptions;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("event-consumers").up();
        for (EventSubscriptions.Subscription.State state : subscriptions.states()) {
            response.withData(state.group(), state.consuming()
                    ? "consuming " + state.topic() + (state.restarts() > 0 ? ", restarted " + state.restarts() + " times" : "")
                    : "failing since " + state.failingSince() + ": " + state.failure());
            if (!state.consuming()) {
                response.down();
            }
        }
        return response.build();
    }
}
