package org.shahed.casualty.record;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

/**
 * A person killed, injured, missing or detained, as documented (Every Casualty standards, SNHR and VDC practice).
 * Names are protected unless the family consented to publishing them; relatives' contacts always are. "Child" and
 * "woman" are derived from age and sex, never typed twice; unknown stays unknown.
 */
@Schema(name = "CasualtyInput")
public record CasualtyInput(
        @Schema(description = "The incident, if known (a death can be documented before its incident)") UUID incidentId,
        @Schema(description = "PROTECTED unless consent.publishName: names as documented") @Valid Names names,
        @Schema(example = "female") @NotNull Sex sex,
        @Valid Age age,
        @Schema(example = "killed") @NotNull Outcome outcome,
        @Schema(description = "SDG 16.1.2 casualty category", example = "civilian") @NotNull CivilianStatus status,
        @Schema(description = "Roles that matter in law") @Size(max = 5) List<@NotNull Role> roles,
        @Schema(description = "Date of death or injury") @Valid EventDate date,
        @Schema(description = "Place of death or injury") @Valid Place place,
        @Schema(description = "Cause", example = "airstrike") @Pattern(regexp = "[a-z][a-z-]{0,49}") String cause,
        @Valid Place residence,
        @Size(max = 50) List<@NotNull @Valid Source> sources,
        @Schema(example = "corroborated") @NotNull DocumentationLevel documentationLevel,
        @Valid Consent consent,
        @Schema(description = "PROTECTED: how to reach the family") @Size(max = 5) List<@NotNull @Valid RelativeContact> relativesContact,
        @Schema(description = "System the record comes from; with externalId, re-ingestion updates instead of duplicating", example = "snhr-victims-db")
        @Size(max = 100) @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._:-]*") String sourceSystem,
        @Schema(example = "AQ-2016-0001") @Size(max = 200) String externalId) {

    public enum Sex {
        @JsonProperty("female") FEMALE, @JsonProperty("male") MALE, @JsonProperty("unknown") UNKNOWN
    }

    public enum AgeGroup {
        @JsonProperty("child") CHILD, @JsonProperty("adult") ADULT, @JsonProperty("elderly") ELDERLY,
        @JsonProperty("unknown") UNKNOWN
    }

    public enum Outcome {
        @JsonProperty("killed") KILLED, @JsonProperty("injured") INJURED, @JsonProperty("missing") MISSING,
        @JsonProperty("detained") DETAINED, @JsonProperty("enforced-disappearance") ENFORCED_DISAPPEARANCE
    }

    public enum CivilianStatus {
        @JsonProperty("civilian") CIVILIAN,
        @JsonProperty("other-protected-person") OTHER_PROTECTED_PERSON,
        @JsonProperty("armed-forces-member") ARMED_FORCES_MEMBER,
        @JsonProperty("direct-participant") DIRECT_PARTICIPANT,
        @JsonProperty("unknown") UNKNOWN
    }

    public enum Role {
        @JsonProperty("medical-worker") MEDICAL_WORKER,
        @JsonProperty("civil-defence-rescuer") CIVIL_DEFENCE_RESCUER,
        @JsonProperty("media-worker") MEDIA_WORKER,
        @JsonProperty("humanitarian-worker") HUMANITARIAN_WORKER
    }

    public enum DocumentationLevel {
        @JsonProperty("reported") REPORTED, @JsonProperty("corroborated") CORROBORATED,
        @JsonProperty("verified") VERIFIED
    }

    public enum DatePrecision {
        @JsonProperty("day") DAY, @JsonProperty("month") MONTH, @JsonProperty("year") YEAR,
        @JsonProperty("approximate") APPROXIMATE
    }

    @Schema(name = "CasualtyNames", description = "PROTECTED unless consent.publishName")
    public record Names(
            @Schema(example = "محمد أحمد الخلف") @Size(max = 300) String fullNameAr,
            @Schema(example = "Mohammad Ahmad al-Khalaf") @Size(max = 300) String fullNameLatin,
            @Size(max = 100) String givenName,
            @Size(max = 100) String fatherName,
            @Size(max = 100) String familyName,
            @Size(max = 100) String motherName,
            @Size(max = 100) String nickname) {
    }

    @Schema(name = "Age", description = "Years if known, else an age group; neither means unknown")
    public record Age(
            @Schema(example = "9") @PositiveOrZero @Max(130) Integer years,
            @Schema(example = "child") AgeGroup group) {
    }

    @Schema(name = "CasualtyDate")
    public record EventDate(@Schema(example = "2016-06-25") @NotNull LocalDate on, @NotNull DatePrecision precision) {
    }

    @Schema(name = "CasualtyPlace")
    public record Place(
            @Size(max = 10) Map<@Pattern(regexp = "[a-z]{2,3}") String, @NotBlank @Size(max = 200) String> name,
            @Schema(description = "OCHA P-codes of the place's admin areas, governorate first: the country's two "
                    + "letters and two digits per level (1 to 3)", example = "[\"SY09\", \"SY0903\"]")
            @Size(max = 3) List<@Pattern(regexp = "[A-Z]{2}([0-9]{2}){1,3}",
                    message = "an OCHA P-code: two letters, then two digits per admin level, e.g. SY0903") String> adminPcodes) {
    }

    @Schema(name = "CasualtySource")
    public record Source(
            @Schema(example = "family-member") @NotBlank @Size(max = 100) String type,
            @Schema(example = "SNHR interview 2016-06-26") @Size(max = 500) String reference,
            @Schema(description = "Independent of the other sources of this record") boolean independent) {
    }

    @Schema(name = "CasualtyConsent")
    public record Consent(
            @Schema(description = "The family agreed to publishing the name") boolean publishName,
            LocalDate obtainedOn,
            @Size(max = 2000) String notes) {
    }

    @Schema(name = "RelativeContact", description = "PROTECTED")
    public record RelativeContact(@Size(max = 200) String name, @Size(max = 100) String relation,
            @Size(max = 300) String contact) {
    }

    /** True for a child, false for an adult, null when the record does not tell. */
    @JsonIgnore
    public Boolean isChild() {
        if (age == null) {
            return null;
        }
        if (age.years() != null) {
            return age.years() < 18;
        }
        if (age.group() == null || age.group() == AgeGroup.UNKNOWN) {
            return null;
        }
        return age.group() == AgeGroup.CHILD;
    }
}
