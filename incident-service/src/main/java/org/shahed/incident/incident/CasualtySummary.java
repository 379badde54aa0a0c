package org.shahed.incident.incident;

import java.time.Instant;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.shahed.incident.incident.IncidentInput.Range;

/**
 * Casualty counts of an incident as derived by casualty-service from its records, each as min–max where records
 * are uncertain. {@code version} orders the updates; an older one never replaces a newer one.
 */
@Schema(name = "CasualtySummary")
public record CasualtySummary(
        Range killed,
        Range children,
        Range women,
        Range men,
        Range injured,
        Range missing,
        @Schema(description = "When casualty-service computed these counts") Instant asOf,
        @Schema(description = "Version of the counts at casualty-service") long version) {
}
