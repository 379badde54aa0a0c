package org.shahed.incident.link;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

@Schema(name = "LinkDecision", description = "An analyst's decision on a proposed link")
public record LinkDecision(
        @Schema(example = "confirmed") @NotNull @Pattern(regexp = "confirmed|rejected") String status,
        @Schema(description = "Whether first responders were harmed by the later strike", example = "true") Boolean firstRespondersHarmed,
        @Size(max = 2000) String note) {
}
