package org.shahed.casualty.record;

import java.time.Instant;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

@Schema(name = "Casualty", description = "A casualty record; names and relatives' contacts only where the caller may see them")
public record CasualtyView(
        UUID id,
        @Schema(example = "CAS-2016-000001") String reference,
        long version,
        @JsonUnwrapped CasualtyInput record,
        @Schema(description = "Derived from age: true, false, or absent when unknown") Boolean child,
        @Schema(description = "Derived: female and not a child; absent when unknown") Boolean woman,
        @Schema(description = "Number of independent sources") int independentSources,
        @Schema(description = "The record this one was merged into") UUID mergedInto,
        @Schema(description = "Why the record needs another look, e.g. incident-retracted") String reviewFlag,
        @Schema(description = "The incident's status as this service knows it from incident-service's events, or "
                + "`pending` while the incident is not known here yet: a record may name an incident before its "
                + "event arrives; it is accepted and resolves by itself when the event comes")
        String incidentStatus,
        Instant createdAt,
        Instant updatedAt) {
}
