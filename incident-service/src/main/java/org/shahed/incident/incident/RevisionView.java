package org.shahed.incident.incident;

import java.time.Instant;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.databind.JsonNode;

@Schema(name = "IncidentRevision", description = "One state of an incident in its history")
public record RevisionView(
        @Schema(description = "The version this change produced") long revision,
        @Schema(example = "published") String change,
        Instant changedAt,
        String changedBy,
        String note,
        @Schema(description = "The incident as it was after this change", implementation = IncidentView.class) JsonNode incident) {
}
