package org.shahed.incident.thesaurus;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

@Schema(name = "TermInput", description = "Labels of a thesaurus term")
public record TermInput(
        @Schema(example = "Airstrike") @NotBlank @Size(max = 300) String labelEn,
        @Schema(example = "غارة جوية") @NotBlank @Size(max = 300) String labelAr,
        @Size(max = 5000) String description,
        @Schema(description = "False deactivates the term; records keep using it, new ones may not") Boolean active) {
}
