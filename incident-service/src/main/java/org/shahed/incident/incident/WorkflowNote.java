package org.shahed.incident.incident;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import jakarta.validation.constraints.Size;

@Schema(name = "WorkflowNote", description = "Why a workflow step is taken; required for a retraction")
public record WorkflowNote(
        @Schema(example = "Second source contradicts the date; re-verify") @Size(max = 5000) String reason) {
}
