package org.shahed.casualty.counts;

import java.time.Instant;
import java.util.UUID;

/** Data of {@code org.shahed.casualty.counts-changed}: an incident's named counts at a version. */
public record CountsChanged(UUID incidentId, long version, Instant asOf, Counts.Range killed, Counts.Range children,
        Counts.Range women, Counts.Range men, Counts.Range injured, Counts.Range missing, Counts.Range detained) {

    static CountsChanged of(UUID incidentId, long version, Instant asOf, Counts counts) {
        return new CountsChanged(incidentId, version, asOf, counts.killed(), counts.children(), counts.women(),
                counts.men(), counts.injured(), counts.missing(), counts.detained());
    }
}
