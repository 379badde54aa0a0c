package org.shahed.gateway.apikeys;

import java.time.Duration;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A rotation: a new secret, and how long the old one keeps working so that scripts can switch over. */
@Schema(name = "ApiKeyRotation")
public record RotationInput(
        @Schema(description = "How long the previous secret stays valid (ISO-8601, at most P7D); none means it stops at once",
                example = "PT24H", implementation = String.class)
        Duration gracePeriod) {
}
