package org.shahed.incident.incident;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "shahed.incident")
public interface IncidentConfig {
    FollowUp followUp();

    /** When a strike is proposed as the follow-up ("double-tap") of an earlier one. */
    interface FollowUp {
        @WithDefault("1000")
        int radiusMetres();

        @WithDefault("PT3H")
        Duration maxInterval();
    }
}
