package org.shahed.gateway.apikeys;

import java.time.Duration;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/** A token bucket: {@code capacity} requests, refilled evenly over {@code period}. */
@Schema(name = "RateLimit")
public record RateLimitInput(
        @Schema(description = "Requests allowed per period (also the largest burst)", example = "600")
        @NotNull @Min(1) @Max(1_000_000) Integer capacity,
        @Schema(description = "The period, ISO-8601", example = "PT1M", implementation = String.class)
        @NotNull Duration period) {
}
