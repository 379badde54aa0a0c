package org.shahed.incident.incident;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonProperty;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

/**
 * An incident as analysts document it: everything a report like SNHR's Al Qouriyah massacre states, in
 * structured fields. Texts are language maps ({@code {"en": "...", "ar": "..."}}). Codes come from the thesauri
 * ({@code GET /api/v1/thesauri}). Analysts' findings cite the claims of the sources they rest on.
 */
@Schema(name = "IncidentInput", description = "The documented facts of an incident, as written by analysts")
public record IncidentInput(
        @Schema(description = "Title per language", example = "{\"en\": \"Massacre in Al Qouriyah, Al Mayadin\", \"ar\": \"مجزرة القورية\"}")
        @NotEmpty @Size(max = 10) Map<@Pattern(regexp = LANGUAGE) String, @NotBlank @Size(max = 500) String> title,

        @Schema(description = "Narrative per language")
        @Size(max = 10) Map<@Pattern(regexp = LANGUAGE) String, @NotBlank @Size(max = 50_000) String> narrative,

        @Schema(description = "Incident types (thesaurus incident-type); several allowed", example = "[\"airstrike\", \"massacre\"]")
        @NotEmpty @Size(max = 10) List<@NotBlank String> types,

        @Schema(description = "When it began, with the precision the sources allow")
        @NotNull @Valid PointInTime start,

        @Schema(description = "When it ended, if known")
        @Valid PointInTime end,

        @Schema(description = "IANA time zone of the place, for displaying local times", example = "Asia/Damascus")
        @Size(max = 60) String timeZone,

        @NotNull @Valid Location location,

        @Schema(description = "Parties alleged to be responsible, each with degree of involvement and confidence")
        @Size(max = 20) List<@NotNull @Valid Perpetrator> perpetrators,

        @Valid Means means,

        @Schema(description = "Pattern flags (thesaurus pattern-flag)", example = "[\"indiscriminate\", \"civilian-objects-hit\"]")
        @Size(max = 20) List<@NotBlank String> patternFlags,

        @Valid MilitaryObjectiveFinding militaryObjective,

        @Valid Damage damage,

        @Schema(description = "Sources and the claims each makes, kept apart from analysts' findings")
        @Size(max = 200) List<@NotNull @Valid Source> sources) {

    /** BCP 47 language tag, simple form: {@code en}, {@code ar}, {@code ku}, {@code en-GB}. */
    public static final String LANGUAGE = "[a-z]{2,3}(-[A-Za-z0-9]{2,8})?";
    /** Identifiers analysts choose for sources and claims within one incident. */
    public static final String LOCAL_ID = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}";

    public enum Precision {
        @JsonProperty("exact-time") EXACT_TIME,
        @JsonProperty("approximate-time") APPROXIMATE_TIME,
        @JsonProperty("day") DAY,
        @JsonProperty("month") MONTH,
        @JsonProperty("year") YEAR,
        @JsonProperty("approximate") APPROXIMATE;

        /** Whether the time of day is meaningful (used to propose follow-up strike links). */
        public boolean knowsTimeOfDay() {
            return this == EXACT_TIME || this == APPROXIMATE_TIME;
        }
    }

    @Schema(name = "PointInTime", description = "An instant in UTC and how precisely the sources know it")
    public record PointInTime(
            @Schema(example = "2016-06-25T09:00:00Z") @NotNull OffsetDateTime at,
            @Schema(example = "approximate-time") @NotNull Precision precision) {
    }

    @Schema(name = "Location")
    public record Location(
            @Schema(example = "{\"en\": \"Al Qouriyah\", \"ar\": \"القورية\"}")
            @NotEmpty @Size(max = 10) Map<@Pattern(regexp = LANGUAGE) String, @NotBlank @Size(max = 200) String> placeName,

            @Schema(description = "Other spellings, in any script", example = "[\"Al Qouriya\", \"Al Quriyah\", \"القوريه\"]")
            @Size(max = 30) List<@NotBlank @Size(max = 200) String> aliases,

            @Schema(example = "{\"en\": \"Al Ta'es\", \"ar\": \"حي الطعس\"}")
            @Size(max = 10) Map<@Pattern(regexp = LANGUAGE) String, @NotBlank @Size(max = 200) String> neighbourhood,

            @Schema(description = "Administrative areas, levels 1 (governorate) to 4, as OCHA P-codes")
            @Size(max = 4) List<@NotNull @Valid AdminArea> adminAreas,

            @Schema(example = "34.9686") @DecimalMin("-90") @DecimalMax("90") Double latitude,
            @Schema(example = "40.5135") @DecimalMin("-180") @DecimalMax("180") Double longitude,

            @Schema(description = "Radius within which the point is known, in metres", example = "1000")
            @PositiveOrZero @Max(1_000_000) Integer precisionMetres,

            @Schema(description = "Party controlling the area at the time (thesaurus party); derived from the area-control timeline when absent", example = "isis")
            @Size(max = 100) String controllingParty) {
    }

    @Schema(name = "AdminArea")
    public record AdminArea(
            @Schema(example = "1") @Min(1) @Max(4) int level,
            @Schema(example = "SY09") @NotBlank @Pattern(regexp = "[A-Z]{2}[0-9]{1,12}") String pcode,
            @Schema(example = "{\"en\": \"Deir-ez-Zor\", \"ar\": \"دير الزور\"}")
            @Size(max = 10) Map<@Pattern(regexp = LANGUAGE) String, @NotBlank @Size(max = 200) String> name) {
    }

    public enum Involvement {
        @JsonProperty("direct") DIRECT,
        @JsonProperty("alleged") ALLEGED,
        @JsonProperty("command-responsibility") COMMAND_RESPONSIBILITY,
        @JsonProperty("complicity") COMPLICITY,
        @JsonProperty("unknown") UNKNOWN
    }

    /** Airwars' grading of how well an attribution is supported. */
    public enum Confidence {
        @JsonProperty("confirmed") CONFIRMED,
        @JsonProperty("fair") FAIR,
        @JsonProperty("weak") WEAK,
        @JsonProperty("contested") CONTESTED,
        @JsonProperty("discounted") DISCOUNTED
    }

    @Schema(name = "Perpetrator")
    public record Perpetrator(
            @Schema(description = "Party (thesaurus party)", example = "russian-forces") @NotBlank @Size(max = 100) String party,
            @Schema(example = "alleged") @NotNull Involvement involvement,
            @Schema(description = "Airwars scale", example = "fair") @NotNull Confidence confidence,
            @Schema(description = "Why this attribution", example = "Warplanes at high altitude; pattern of Russian operations in the area")
            @Size(max = 5000) String basis,
            @Schema(description = "Claims the attribution rests on") @Size(max = 50) List<@Pattern(regexp = LOCAL_ID) String> claimIds) {
    }

    @Schema(name = "Means")
    public record Means(
            @Schema(description = "Weapon types (thesaurus weapon)", example = "[\"air-launched-missile\"]")
            @Size(max = 20) List<@NotBlank String> weapons,
            @Schema(description = "Number of strikes", example = "2") @PositiveOrZero @Max(10_000) Integer strikes,
            @Schema(description = "Munitions used; a lower bound only when the source says 'no less than'")
            @Valid Range munitions,
            @Size(max = 50) List<@Pattern(regexp = LOCAL_ID) String> claimIds) {
    }

    @Schema(name = "Range", description = "A count known between min and max; max absent means 'at least min'")
    public record Range(
            @Schema(example = "8") @PositiveOrZero @Max(10_000_000) Integer min,
            @Schema(example = "8") @PositiveOrZero @Max(10_000_000) Integer max) {
    }

    public enum MilitaryObjective {
        @JsonProperty("none-found") NONE_FOUND,
        @JsonProperty("present") PRESENT,
        @JsonProperty("unknown") UNKNOWN
    }

    @Schema(name = "MilitaryObjectiveFinding")
    public record MilitaryObjectiveFinding(
            @Schema(example = "none-found") @NotNull MilitaryObjective finding,
            @Schema(example = "Residents and the media activist report no ISIS positions in Al Ta'es") @Size(max = 5000) String basis,
            @Size(max = 50) List<@Pattern(regexp = LOCAL_ID) String> claimIds) {
    }

    @Schema(name = "Damage")
    public record Damage(
            @Size(max = 10) Map<@Pattern(regexp = LANGUAGE) String, @NotBlank @Size(max = 10_000) String> description,
            @Schema(description = "Houses destroyed; '15+' is min 15 without max") @Valid Range housesDestroyed,
            @Valid Range shopsDestroyed,
            @Schema(description = "Area destroyed, square metres", example = "300") @PositiveOrZero @DecimalMax("1e12") Double areaSquareMetres,
            @Size(max = 50) List<@Pattern(regexp = LOCAL_ID) String> claimIds) {
    }

    public enum Knowledge {
        @JsonProperty("direct") DIRECT,
        @JsonProperty("hearsay") HEARSAY,
        @JsonProperty("unknown") UNKNOWN
    }

    public enum Reliability {
        @JsonProperty("high") HIGH,
        @JsonProperty("medium") MEDIUM,
        @JsonProperty("low") LOW,
        @JsonProperty("unknown") UNKNOWN
    }

    @Schema(name = "Source", description = "Where information came from, and the claims it makes")
    public record Source(
            @Schema(example = "src-abu-ahmad") @NotBlank @Pattern(regexp = LOCAL_ID) String id,
            @Schema(description = "Source type (thesaurus source-type)", example = "local-media-activist") @NotBlank @Size(max = 100) String type,
            @Schema(example = "direct") @NotNull Knowledge knowledge,
            @Schema(example = "high") @NotNull Reliability reliability,
            @Schema(description = "Non-identifying description; identities belong in protected testimony fields",
                    example = "Local media activist who visited the site 30 minutes after the strikes")
            @Size(max = 2000) String description,
            @Schema(description = "The testimony this source gave, if recorded") UUID testimonyId,
            @Schema(description = "A media asset this source is, if any") UUID mediaId,
            @Size(max = 100) List<@NotNull @Valid Claim> claims) {
    }

    @Schema(name = "Claim", description = "One statement a source makes")
    public record Claim(
            @Schema(example = "claim-second-strike") @NotBlank @Pattern(regexp = LOCAL_ID) String id,
            @Schema(example = "The warplanes came back a few minutes later and bombed the same place") @NotBlank @Size(max = 5000) String statement,
            @Schema(description = "What the claim is about", example = "means") @Size(max = 100) String about) {
    }
}
