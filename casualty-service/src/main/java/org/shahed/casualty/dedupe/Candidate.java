package org.shahed.casualty.dedupe;

import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "DuplicateCandidate", description = "A record that may be the same person, with the score and why")
public record Candidate(
        UUID recordId,
        @Schema(description = "The possible duplicate") UUID candidateId,
        @Schema(description = "0 to 1: the probability that the two are one person", example = "0.91") double score,
        @Schema(description = "What agreed", example = "[\"given name\", \"father's name\", \"same incident\"]") List<String> reasons,
        @Schema(description = "A reviewer's decision on the pair: same (confirmed, not yet merged); absent while undecided. "
                + "Pairs decided different are not proposed.", enumeration = { "same" }) String decision) {

    public Candidate(UUID recordId, UUID candidateId, double score, List<String> reasons) {
        this(recordId, candidateId, score, reasons, null);
    }

    Candidate decided(String decision) {
        return new Candidate(recordId, candidateId, score, reasons, decision);
    }
}
