package org.shahed.incident.incident;

import java.util.Map;

import org.shahed.platform.security.Audience;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Which incidents (and so which of their testimonies, qualifications, links and reports) each audience reads, in
 * one place; which fields it reads is each mapper's allow-list.
 * <ul>
 * <li>Staff (analysts, reviewers, admins) read every live incident, whatever its status.</li>
 * <li>Partners read published incidents only; one retracted, merged or deleted after publication reaches them as
 * a tombstone in the changes feed, one never published never reaches them at all.</li>
 * <li>Ingestion scripts read what partners read, and the incidents their own organisation wrote.</li>
 * </ul>
 */
@ApplicationScoped
public class IncidentDisclosure {
    /** Whether {@code audience} reads this incident now. */
    public boolean reads(Audience audience, Incident incident) {
        return audience.seesUnpublished() || incident.statusValue() == Status.PUBLISHED
                || audience.owns(incident.organisation);
    }

    /** The SQL condition on the incident table that keeps the incidents {@code audience} reads. */
    public String rowsReadBy(Audience audience, Map<String, Object> parameters) {
        return audience.rows("status = 'published'", "organisation", parameters);
    }

    /**
     * The JPQL condition of the changes feed for {@code audience}: the incidents it reads, and those it read
     * before (published once) and may no longer read, shown to it as tombstones.
     */
    public String feedOf(Audience audience, Map<String, Object> parameters) {
        return audience.rows("publishedAt is not null", "organisation", parameters);
    }
}
