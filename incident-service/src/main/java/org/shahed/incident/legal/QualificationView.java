package org.shahed.incident.legal;

import java.time.Instant;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

@Schema(name = "LegalQualification")
public record QualificationView(UUID id, UUID incidentId, long version, @JsonUnwrapped QualificationInput qualification,
        Instant createdAt, Instant updatedAt) {
}
