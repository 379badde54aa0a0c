package org.shahed.incident.report;

import java.time.Instant;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

@Schema(name = "Report")
public record ReportView(UUID id, @Schema(example = "REP-2016-000001") String reference, long version,
        @Schema(example = "published") String status, @JsonUnwrapped ReportInput report, Instant createdAt,
        Instant updatedAt, Instant publishedAt) {
}
