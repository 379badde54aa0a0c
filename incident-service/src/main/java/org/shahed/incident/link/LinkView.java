package org.shahed.incident.link;

import java.time.Instant;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "IncidentLink", description = "A link in a chain of events between two incidents")
public record LinkView(
        UUID id,
        @Schema(description = "The earlier incident") UUID fromIncident,
        @Schema(description = "The later (or duplicate) incident") UUID toIncident,
        LinkType type,
        @Schema(description = "Minutes between the two", example = "10") Integer intervalMinutes,
        @Schema(description = "Whether the later strike harmed first responders") Boolean firstRespondersHarmed,
        @Schema(description = "proposed, confirmed or rejected", example = "proposed") String status,
        String note,
        Instant createdAt) {

    /** As partners read it: the analysts' note (free text) left out. */
    static LinkView withoutNote(IncidentLink link) {
        return new LinkView(link.id, link.fromIncident, link.toIncident, LinkType.of(link.linkType),
                link.intervalMinutes, link.firstRespondersHarmed, link.status, null, link.createdAt);
    }

    static LinkView of(IncidentLink link) {
        return new LinkView(link.id, link.fromIncident, link.toIncident, LinkType.of(link.linkType),
                link.intervalMinutes, link.firstRespondersHarmed, link.status, link.note, link.createdAt);
    }
}
