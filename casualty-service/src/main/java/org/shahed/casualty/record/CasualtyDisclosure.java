package org.shahed.casualty.record;

import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import org.shahed.platform.security.Audience;
import org.shahed.platform.web.Problems;
import org.shahed.platform.store.NativeIds;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

/**
 * Which casualty records (and the counts made of them) each audience reads, in one place; which fields of a
 * record it reads is {@link CasualtyMapper#view}'s allow-list.
 * <ul>
 * <li>Staff (analysts, reviewers, admins) read every live record.</li>
 * <li>Partners read the records of published incidents only, as this service knows the incidents from
 * incident-service's events. A record of an incident not known here yet, or of no incident at all, is not
 * published: a record reaches partners by being linked to an incident that a reviewer published.</li>
 * <li>Ingestion scripts read what partners read, and the records their own organisation wrote.</li>
 * </ul>
 * Retraction, merging or deletion of an incident hides its records again; partners' changes feed then carries a
 * tombstone for each record they had seen ({@code shared_at}).
 */
@ApplicationScoped
public class CasualtyDisclosure {
    /** SQL on a casualty row aliased {@code c}: its incident is published. */
    static final String OF_PUBLISHED_INCIDENT = "c.incident_id in (select i.id from incident_projection i"
            + " where i.status = 'published' and not i.deleted)";

    @Inject
    EntityManager entityManager;

    /**
     * The SQL condition on a casualty row aliased {@code c} that keeps the rows {@code audience} reads; its
     * parameters are added to {@code parameters}.
     */
    public String rowsReadBy(Audience audience, Map<String, Object> parameters) {
        return audience.rows(OF_PUBLISHED_INCIDENT, "c.organisation", parameters);
    }

    /**
     * The SQL condition of the changes feed for {@code audience}: the records it reads, and those it read before
     * and may no longer read (shown to it as tombstones).
     */
    public String feedOf(Audience audience, Map<String, Object> parameters) {
        return audience.rows("c.shared_at is not null", "c.organisation", parameters);
    }

    /** Whether {@code audience} reads this record now. */
    public boolean reads(Audience audience, Casualty casualty) {
        return audience.seesUnpublished() || audience.owns(casualty.organisation)
                || casualty.incidentId != null && published(List.of(casualty.incidentId)).contains(casualty.incidentId);
    }

    /** The record if {@code audience} reads it; 404 otherwise, as if it did not exist. */
    public Casualty readable(Audience audience, Casualty casualty, UUID id) {
        if (casualty == null || casualty.isDeleted() || !reads(audience, casualty)) {
            throw Problems.notFound("casualty record " + id);
        }
        return casualty;
    }

    /** Whether {@code audience} reads the counts of this incident: staff always, others once it is published. */
    public boolean readsCountsOf(Audience audience, UUID incidentId) {
        return audience.seesUnpublished() || published(List.of(incidentId)).contains(incidentId);
    }

    /**
     * Which of these incidents are published as this service knows them now. Writers ask under the incidents'
     * publication guard, and the incident consumer marks an incident's records shared (and moves them in the feed)
     * while changing it (ChangeFeed#guardPublication, #changingPublication): one waits for the other, so no record
     * is missed by both.
     */
    @SuppressWarnings("unchecked")
    public Set<UUID> published(Collection<UUID> incidentIds) {
        List<UUID> ids = incidentIds.stream().filter(Objects::nonNull).distinct().toList();
        if (ids.isEmpty()) {
            return new HashSet<>(); // asked for null too (records of no incident): a set that answers
        }
        return new HashSet<>(NativeIds.of(entityManager.createNativeQuery("select i.id from incident_projection i"
                + " where i.id in (:ids) and i.status = 'published' and not i.deleted").setParameter("ids", ids)));
    }

    /** The first time partners may see a record written now into {@code incidentId}, or null while they may not. */
    Instant sharedAt(Casualty casualty, Set<UUID> publishedIncidents) {
        if (casualty.sharedAt != null) {
            return casualty.sharedAt;
        }
        return casualty.incidentId != null && publishedIncidents.contains(casualty.incidentId)
                ? casualty.updatedAt : null;
    }
}
