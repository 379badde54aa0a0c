package org.shahed.casualty.counts;

import java.time.LocalDate;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** "62 civilians including 30 children and 20 women, 30 injured", as a source reported it on a date. */
@Schema(name = "ReportedCountInput")
public record ReportedCountInput(
        @Schema(example = "SNHR report on the Al Qouriyah massacre") @NotBlank @Size(max = 300) String source,
        @Schema(example = "2016-06-27") @NotNull LocalDate asOf,
        @Schema(example = "Documented by SNHR's victims team") @Size(max = 5000) String basis,
        @NotNull @Valid Figures figures) {

    @Schema(name = "ReportedFigures", description = "Each figure as a count range; max absent means 'at least'")
    public record Figures(@Valid Counts.Range killed, @Valid Counts.Range children, @Valid Counts.Range women,
            @Valid Counts.Range men, @Valid Counts.Range injured, @Valid Counts.Range missing) {
    }
}
