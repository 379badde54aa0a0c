package org.shahed.casualty.counts;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Casualty figures of an incident, each a range: exact where every record tells, wider where ages or sexes are
 * unknown (an unknown age is neither counted as a child nor as an adult for certain, never guessed).
 */
@Schema(name = "CasualtyCounts")
public record Counts(Range killed, Range children, Range women, Range men, Range injured, Range missing,
        Range detained) {
    /** An incident without counted records. */
    static final Counts NONE = new Counts(Range.exactly(0), Range.exactly(0), Range.exactly(0), Range.exactly(0),
            Range.exactly(0), Range.exactly(0), Range.exactly(0));

    @Schema(name = "CountRange")
    public record Range(int min, Integer max) {
        static Range exactly(long n) {
            return new Range((int) n, (int) n);
        }

        static Range between(long min, long max) {
            return new Range((int) min, (int) max);
        }
    }
}
