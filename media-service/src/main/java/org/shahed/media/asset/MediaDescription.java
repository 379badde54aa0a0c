package org.shahed.media.asset;

import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonProperty;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** What people say of an evidence file, as opposed to what its bytes say. */
@Schema(name = "MediaDescription")
public record MediaDescription(
        @Size(max = 300) String title,
        @Size(max = 5000) String description,
        @Valid Acquisition acquisition,
        @Valid Sensitivity sensitivity,
        @Valid Verification verification) {

    public static MediaDescription initial(Acquisition acquisition) {
        return new MediaDescription(null, null, acquisition, Sensitivity.UNREVIEWED, Verification.NONE);
    }

    MediaDescription with(Sensitivity changed) {
        return new MediaDescription(title, description, acquisition, changed, verification);
    }

    MediaDescription with(Verification changed) {
        return new MediaDescription(title, description, acquisition, sensitivity, changed);
    }

    /** How the file was obtained (Berkeley Protocol: provenance); protected, it can point to a witness. */
    @Schema(name = "MediaAcquisition")
    public record Acquisition(
            @NotNull AcquisitionMethod method,
            @Size(max = 2000) String sourceUrl,
            @Size(max = 100) String platform,
            @Schema(description = "When the file was obtained (UTC)") Instant acquiredAt,
            @Size(max = 200) String acquiredBy) {
    }

    public enum AcquisitionMethod {
        @JsonProperty("direct-from-witness") DIRECT_FROM_WITNESS,
        @JsonProperty("downloaded") DOWNLOADED,
        @JsonProperty("capture-tool") CAPTURE_TOOL,
        @JsonProperty("partner-transfer") PARTNER_TRANSFER,
        @JsonProperty("other") OTHER
    }

    /** What makes the file sensitive, and whether a reviewer cleared it for partners. */
    @Schema(name = "MediaSensitivity")
    public record Sensitivity(
            @NotNull Boolean graphic,
            @NotNull Boolean protectedPersonsVisible,
            @NotNull Consent consent,
            @Schema(description = "Partners see the file's derivatives only when true; set by reviewers") Boolean clearedForSharing) {
        static final Sensitivity UNREVIEWED = new Sensitivity(false, false, Consent.UNKNOWN, false);
    }

    @Schema(name = "MediaConsent", description = "Consent of the persons a file shows to its being shared")
    public enum Consent {
        @JsonProperty("given") GIVEN,
        @JsonProperty("not-given") NOT_GIVEN,
        @JsonProperty("unknown") UNKNOWN,
        @JsonProperty("not-needed") NOT_NEEDED
    }

    /** Berkeley Protocol verification: source, technical and content checks, by whom and when. */
    @Schema(name = "MediaVerification")
    public record Verification(
            @NotNull VerificationStatus status,
            @Size(max = 10) List<VerificationMethod> methods,
            @Size(max = 5000) String notes,
            @Schema(readOnly = true) String verifiedBy,
            @Schema(readOnly = true) Instant verifiedAt) {
        static final Verification NONE = new Verification(VerificationStatus.UNVERIFIED, null, null, null, null);
    }

    public enum VerificationStatus {
        @JsonProperty("unverified") UNVERIFIED,
        @JsonProperty("verified") VERIFIED,
        @JsonProperty("disputed") DISPUTED,
        @JsonProperty("misattributed") MISATTRIBUTED
    }

    public enum VerificationMethod {
        @JsonProperty("source-identification") SOURCE_IDENTIFICATION,
        @JsonProperty("technical-analysis") TECHNICAL_ANALYSIS,
        @JsonProperty("geolocation") GEOLOCATION,
        @JsonProperty("chronolocation") CHRONOLOCATION,
        @JsonProperty("content-analysis") CONTENT_ANALYSIS
    }
}
