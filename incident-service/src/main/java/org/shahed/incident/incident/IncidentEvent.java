package org.shahed.incident.incident;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The data of incident events ({@code org.shahed.incident.*}): what other services keep of an incident. No
 * protected fields; {@code version} lets consumers ignore an event older than what they hold.
 */
public record IncidentEvent(
        UUID id,
        String reference,
        long version,
        Status status,
        List<String> types,
        Instant startAt,
        Instant endAt,
        List<String> adminPcodes,
        String controllingParty,
        List<PerpetratorRef> perpetrators,
        Double latitude,
        Double longitude,
        Instant publishedAt,
        String retractionReason,
        UUID mergedInto,
        boolean deleted,
        Instant changedAt) {

    public record PerpetratorRef(String party, IncidentInput.Involvement involvement, IncidentInput.Confidence confidence) {
    }

    static IncidentEvent of(Incident incident, IncidentInput facts) {
        List<PerpetratorRef> perpetrators = facts.perpetrators() == null ? List.of()
                : facts.perpetrators().stream()
                        .map(p -> new PerpetratorRef(p.party(), p.involvement(), p.confidence())).toList();
        return new IncidentEvent(incident.id, incident.reference, incident.version, incident.statusValue(),
                List.of(incident.types), incident.startAt, incident.endAt, List.of(incident.adminPcodes),
                incident.controllingParty, perpetrators, incident.latitude, incident.longitude, incident.publishedAt,
                incident.retractionReason, incident.mergedInto, incident.isDeleted(), incident.updatedAt);
    }
}
