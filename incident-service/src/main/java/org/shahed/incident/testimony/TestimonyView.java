package org.shahed.incident.testimony;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "Testimony", description = "A testimony; `identity` only for roles that see protected fields")
public record TestimonyView(
        UUID id,
        UUID incidentId,
        long version,
        String witnessPseudonym,
        String witnessRole,
        String contactChannel,
        LocalDate interviewDate,
        String language,
        String statement,
        Map<String, String> translations,
        TestimonyInput.Consent consent,
        TestimonyInput.WitnessIdentity identity,
        Instant createdAt,
        Instant updatedAt) {
}
