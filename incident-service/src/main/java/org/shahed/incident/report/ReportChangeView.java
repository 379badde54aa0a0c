package org.shahed.incident.report;

import java.time.Instant;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

/** One entry of the reports' changes feed: the latest state of one report (absent on a tombstone). */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "ReportChange")
public record ReportChangeView(
        UUID id,
        String reference,
        @Schema(description = "Last change: created, updated, published", example = "published") String change,
        @Schema(description = "True when the report left the record") boolean tombstone,
        Instant changedAt,
        @Schema(description = "The report as it is now, as this caller reads it (absent on tombstones)") ReportView report) {
}
