package org.shahed.incident.testimony;

import java.time.LocalDate;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.shahed.incident.incident.IncidentInput;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * What a witness said, and on what terms. {@code identity} is protected: only analysts, reviewers and admins
 * ever see it; partners see a testimony at all only when its consent allows sharing with them.
 */
@Schema(name = "TestimonyInput")
public record TestimonyInput(
        @Schema(description = "Name the witness is referred to by", example = "Abu Ahmad") @NotBlank @Size(max = 200) String witnessPseudonym,
        @Schema(description = "Role of the witness (thesaurus source-type)", example = "local-media-activist") @NotBlank @Size(max = 100) String witnessRole,
        @Schema(description = "How the interview was held", example = "facebook") @NotBlank @Size(max = 100) String contactChannel,
        @Schema(example = "2016-06-26") @NotNull LocalDate interviewDate,
        @Schema(description = "Language of the statement", example = "ar") @NotBlank @Pattern(regexp = IncidentInput.LANGUAGE) String language,
        @Schema(description = "The statement as given") @NotBlank @Size(max = 200_000) String statement,
        @Schema(description = "Translations of the statement, per language")
        @Size(max = 10) Map<@Pattern(regexp = IncidentInput.LANGUAGE) String, @NotBlank @Size(max = 200_000) String> translations,
        @NotNull @Valid Consent consent,
        @Schema(description = "PROTECTED: who the witness is and how to reach them") @Valid WitnessIdentity identity) {

    @Schema(name = "Consent", description = "What the witness agreed to, after the purpose was explained")
    public record Consent(
            @Schema(description = "May be used in the organisation's reports") boolean useInReports,
            @Schema(description = "May be published (quoted publicly)") boolean publish,
            @Schema(description = "May be shared with partner organisations") boolean shareWithPartners,
            @Schema(description = "The witness's identity must be protected") boolean protectedIdentity,
            @Schema(example = "2016-06-26") @NotNull LocalDate obtainedOn,
            @Size(max = 2000) String notes) {
    }

    @Schema(name = "WitnessIdentity", description = "PROTECTED fields")
    public record WitnessIdentity(
            @Size(max = 300) String fullName,
            @Schema(description = "Phone, e-mail, account handle") @Size(max = 500) String contact,
            @Size(max = 300) String residence,
            @Size(max = 5000) String notes) {
    }
}
