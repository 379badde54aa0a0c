package org.shahed.incident.area;

import java.time.LocalDate;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "AreaControl")
public record AreaControlView(UUID id, String areaPcode, String party, LocalDate validFrom, LocalDate validTo,
        String source) {

    static AreaControlView of(AreaControl control) {
        return new AreaControlView(control.id, control.areaPcode, control.partyCode, control.validFrom,
                control.validTo, control.source);
    }
}
