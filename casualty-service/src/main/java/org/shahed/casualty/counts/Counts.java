package org.shahed.casualty.counts;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;

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

    /**
     * The one shape of a count across the API (figures derived from records, sources' reported figures, aggregate
     * cells): a minimum and a maximum, equal when exact, the maximum absent for "at least".
     */
    @Schema(name = "CountRange", description = "A count: min = max when exact; max absent means 'at least min'")
    public record Range(@Schema(example = "62") @NotNull @PositiveOrZero Integer min,
            @Schema(example = "62") @PositiveOrZero Integer max) {
        public static Range exactly(long n) {
            return new Range((int) n, (int) n);
        }

        static Range between(long min, long max) {
            return new Range((int) min, (int) max);
        }
    }
}
