package org.shahed.incident.legal;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.shahed.incident.incident.IncidentInput;

import com.fasterxml.jackson.annotation.JsonProperty;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** What an incident amounts to under one legal instrument, element by element, each element tied to evidence. */
@Schema(name = "LegalQualificationInput")
public record QualificationInput(
        @Schema(description = "Instrument (thesaurus legal-instrument)", example = "rome-statute-art-8") @NotBlank @Size(max = 100) String instrument,
        @Schema(description = "Provision within it", example = "8(2)(e)(i)") @Size(max = 100) String provision,
        @Schema(example = "non-international") @NotNull ConflictClassification conflictClassification,
        @Schema(description = "Elements of the violation or crime, each with the evidence supporting it")
        @NotEmpty @Size(max = 50) List<@NotNull @Valid Element> elements,
        @Schema(example = "reasonable-grounds") @NotNull StandardOfProof standardOfProof,
        @Schema(description = "Conclusion per language")
        @NotEmpty @Size(max = 10) Map<@Pattern(regexp = IncidentInput.LANGUAGE) String, @NotBlank @Size(max = 20_000) String> conclusion,
        @Schema(description = "Who reviewed the qualification", example = "Legal unit") @Size(max = 200) String reviewer) {

    public enum ConflictClassification {
        @JsonProperty("international") INTERNATIONAL,
        @JsonProperty("non-international") NON_INTERNATIONAL,
        @JsonProperty("not-applicable") NOT_APPLICABLE,
        @JsonProperty("undetermined") UNDETERMINED
    }

    public enum StandardOfProof {
        @JsonProperty("reasonable-suspicion") REASONABLE_SUSPICION,
        @JsonProperty("reasonable-grounds") REASONABLE_GROUNDS,
        @JsonProperty("balance-of-probabilities") BALANCE_OF_PROBABILITIES,
        @JsonProperty("clear-and-convincing") CLEAR_AND_CONVINCING,
        @JsonProperty("beyond-reasonable-doubt") BEYOND_REASONABLE_DOUBT
    }

    public enum EvidenceKind {
        @JsonProperty("testimony") TESTIMONY,
        @JsonProperty("media") MEDIA,
        @JsonProperty("casualty") CASUALTY,
        @JsonProperty("claim") CLAIM
    }

    @Schema(name = "LegalElement")
    public record Element(
            @Schema(example = "The perpetrator killed one or more persons") @NotBlank @Size(max = 2000) String element,
            @Schema(description = "Whether the evidence establishes it to the standard of proof") @NotNull Boolean established,
            @Size(max = 100) List<@NotNull @Valid EvidenceRef> evidence,
            @Size(max = 5000) String note) {
    }

    @Schema(name = "EvidenceRef", description = "A testimony, media asset or casualty record by id, or a source claim by its id")
    public record EvidenceRef(
            @NotNull EvidenceKind kind,
            @Schema(description = "Id of the testimony, media asset or casualty record") UUID id,
            @Schema(description = "Id of the claim, for kind claim") @Pattern(regexp = IncidentInput.LOCAL_ID) String claimId) {
    }
}
