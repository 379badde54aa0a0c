package org.shahed.casualty.record;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** Data of casualty record events: what other services may know of a record, never names or contacts. */
public record CasualtyEvent(UUID id, String reference, long version, UUID incidentId, String outcome, String sex,
        Boolean child, String status, LocalDate date, List<String> adminPcodes, String documentationLevel,
        UUID mergedInto, boolean deleted) {

    static CasualtyEvent of(Casualty casualty) {
        return new CasualtyEvent(casualty.id, casualty.reference, casualty.version, casualty.incidentId,
                casualty.outcome, casualty.sex, casualty.isChild, casualty.civilianStatus, casualty.eventDate,
                List.of(casualty.adminPcodes), casualty.documentationLevel, casualty.mergedInto, casualty.isDeleted());
    }
}
