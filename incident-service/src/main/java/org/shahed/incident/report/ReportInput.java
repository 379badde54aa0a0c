package org.shahed.incident.report;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.shahed.incident.incident.IncidentInput;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** A published document bundling incidents with conclusions and recommendations to addressees. */
@Schema(name = "ReportInput")
public record ReportInput(
        @NotEmpty @Size(max = 10) Map<@Pattern(regexp = IncidentInput.LANGUAGE) String, @NotBlank @Size(max = 500) String> title,
        @Size(max = 10) Map<@Pattern(regexp = IncidentInput.LANGUAGE) String, @NotBlank @Size(max = 100_000) String> summary,
        @Schema(description = "The incidents the report documents") @NotEmpty @Size(max = 500) List<@NotNull UUID> incidentIds,
        @Size(max = 100) List<@NotNull @Valid Conclusion> conclusions,
        @Size(max = 100) List<@NotNull @Valid Recommendation> recommendations) {

    @Schema(name = "ReportConclusion")
    public record Conclusion(
            @NotEmpty @Size(max = 10) Map<@Pattern(regexp = IncidentInput.LANGUAGE) String, @NotBlank @Size(max = 20_000) String> text,
            @Schema(description = "Legal qualifications the conclusion rests on") @Size(max = 50) List<@NotNull UUID> qualificationIds) {
    }

    @Schema(name = "ReportRecommendation")
    public record Recommendation(
            @Schema(description = "Addressee (thesaurus addressee)", example = "un-security-council") @NotBlank @Size(max = 100) String addressee,
            @NotEmpty @Size(max = 10) Map<@Pattern(regexp = IncidentInput.LANGUAGE) String, @NotBlank @Size(max = 20_000) String> text) {
    }
}
