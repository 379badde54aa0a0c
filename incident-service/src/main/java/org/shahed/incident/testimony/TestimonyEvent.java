package org.shahed.incident.testimony;

import java.time.LocalDate;
import java.util.UUID;

/** Data of testimony events: that a testimony exists and on what terms; never who gave it or what was said. */
public record TestimonyEvent(UUID id, UUID incidentId, long version, String witnessRole, String language,
        LocalDate interviewDate, boolean useInReports, boolean publish, boolean shareWithPartners, boolean removed) {
}
