package org.shahed.incident.incident;

import java.time.Instant;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

/** An incident as the API returns it: the documented facts plus identity, workflow state and derived data. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "Incident")
public record IncidentView(
        @Schema(description = "Stable id, never reused") UUID id,
        @Schema(description = "Human reference", example = "INC-2016-000001") String reference,
        @Schema(description = "Workflow status", example = "published") Status status,
        @Schema(description = "Version, also sent as the ETag (send it back in If-Match); answers to partners carry a tag of their content instead") long version,
        @JsonUnwrapped IncidentInput facts,
        @Schema(description = "Casualty counts from casualty-service (read-only here)") CasualtySummary casualtySummary,
        Instant createdAt,
        @Schema(description = "Who created it (not shown to partners)") String createdBy,
        @Schema(description = "Last change of any kind, a new casualty summary included") Instant updatedAt,
        @Schema(description = "Who changed it last (not shown to partners)") String updatedBy,
        @Schema(description = "When it was first published") Instant publishedAt,
        @Schema(description = "Why it was retracted") String retractionReason,
        @Schema(description = "The incident this one was merged into") UUID mergedInto) {
}
