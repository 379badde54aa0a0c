package org.shahed.incident.link;

import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

@Schema(name = "LinkInput", description = "A link from this incident to a later one")
public record LinkInput(
        @Schema(description = "The later incident") @NotNull UUID toIncident,
        @NotNull LinkType type,
        @PositiveOrZero Integer intervalMinutes,
        Boolean firstRespondersHarmed,
        @Size(max = 2000) String note) {
}
