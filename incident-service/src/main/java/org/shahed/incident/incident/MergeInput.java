package org.shahed.incident.incident;

import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

@Schema(name = "MergeInput", description = "Merge this incident, a duplicate, into the surviving one")
public record MergeInput(@NotNull UUID survivorId, @Size(max = 5000) String reason) {
}
