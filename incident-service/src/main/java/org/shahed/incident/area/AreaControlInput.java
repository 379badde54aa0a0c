package org.shahed.incident.area;

import java.time.LocalDate;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

@Schema(name = "AreaControlInput", description = "A period of control of an area by a party")
public record AreaControlInput(
        @Schema(description = "OCHA P-code of the area", example = "SY0903") @NotBlank @Pattern(regexp = "[A-Z]{2}[0-9]{1,12}") String areaPcode,
        @Schema(description = "Party (thesaurus party)", example = "isis") @NotBlank @Size(max = 100) String party,
        @Schema(example = "2014-07-01") @NotNull LocalDate validFrom,
        @Schema(description = "Last day of control; absent while it lasts", example = "2017-10-01") LocalDate validTo,
        @Schema(example = "SNHR monthly control maps") @NotBlank @Size(max = 2000) String source) {
}
