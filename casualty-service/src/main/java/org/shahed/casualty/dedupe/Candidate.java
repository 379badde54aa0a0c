package org.shahed.casualty.dedupe;

import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "DuplicateCandidate", description = "A record that may be the same person, with the score and why")
public record Candidate(
        UUID recordId,
        @Schema(description = "The possible duplicate") UUID candidateId,
        @Schema(description = "0 to 1; 1 is certainly the same person", example = "0.91") double score,
        @Schema(description = "What agreed or disagreed", example = "[\"names\", \"father's name\", \"same incident\"]") List<String> reasons) {
}
