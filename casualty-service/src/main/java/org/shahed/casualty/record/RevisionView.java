package org.shahed.casualty.record;

import java.time.Instant;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.databind.JsonNode;

@Schema(name = "CasualtyRevision", description = "One state of a casualty record in its history")
public record RevisionView(
        @Schema(description = "The version this change produced") long revision,
        @Schema(example = "updated") String change,
        Instant changedAt,
        String changedBy,
        @Schema(description = "The record as it was after this change", implementation = CasualtyView.class) JsonNode record) {
}
