package org.shahed.incident.incident;

import java.time.Instant;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One entry of the changes feed: the latest state of one incident. Live incidents carry it in {@code incident};
 * retracted, merged and deleted ones are tombstones ({@code tombstone: true}) that say why, and for a merge,
 * which incident survives.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "IncidentChange")
public record ChangeView(
        UUID id,
        String reference,
        @Schema(description = "Last change: created, updated, published, retracted, merged, deleted, ...", example = "published") String change,
        @Schema(description = "True when the incident left the partner-visible record") boolean tombstone,
        Instant changedAt,
        @Schema(description = "For a merge, the incident that survives") UUID survivorId,
        @Schema(description = "For a retraction, why") String reason,
        @Schema(description = "The incident as it is now (absent on tombstones)") IncidentView incident) {
}
