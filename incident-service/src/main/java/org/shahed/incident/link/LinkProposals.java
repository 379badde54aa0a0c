package org.shahed.incident.link;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.shahed.incident.incident.Incident;
import org.shahed.incident.incident.IncidentConfig;
import org.shahed.incident.incident.IncidentInput;
import org.shahed.platform.web.Problems;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * Links between incidents. When a strike is documented close in place and time to another strike, the service
 * proposes a follow-up-strike link (a possible "double-tap"); analysts confirm or reject it.
 */
@ApplicationScoped
public class LinkProposals {
    private static final String TIME_OF_DAY_KNOWN = "('exact-time', 'approximate-time')";

    @Inject
    EntityManager entityManager;
    @Inject
    IncidentConfig config;

    /** Proposes a follow-up-strike link between {@code incident} and each strike near it in place and time. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void proposeFollowUps(Incident incident, IncidentInput facts) {
        if (!FollowUpStrikes.mayHaveFollowUps(List.of(incident.types), incident.latitude, facts.start().precision())) {
            return;
        }
        Duration window = config.followUp().maxInterval();
        @SuppressWarnings("unchecked")
        List<Object[]> near = entityManager.createNativeQuery("""
                select id, start_at from incident
                where id <> :id and deleted_at is null and status <> 'merged'
                  and types && cast(:strikes as text[])
                  and document -> 'start' ->> 'precision' in """ + TIME_OF_DAY_KNOWN + """
                  and start_at between :earliest and :latest
                  and latitude is not null
                  and 2 * 6371000 * asin(sqrt(power(sin(radians(latitude - :lat) / 2), 2)
                      + cos(radians(:lat)) * cos(radians(latitude)) * power(sin(radians(longitude - :lon) / 2), 2)))
                      <= :radius
                """)
                .setParameter("id", incident.id)
                .setParameter("strikes", FollowUpStrikes.STRIKES.toArray(String[]::new))
                .setParameter("earliest", incident.startAt.minus(window))
                .setParameter("latest", incident.startAt.plus(window))
                .setParameter("lat", incident.latitude)
                .setParameter("lon", incident.longitude)
                .setParameter("radius", config.followUp().radiusMetres())
                .getResultList();
        for (Object[] row : near) {
            Instant otherStart = row[1] instanceof Instant instant ? instant
                    : ((OffsetDateTime) row[1]).toInstant();
            FollowUpStrikes.Pair pair = FollowUpStrikes.pair(incident.id, incident.startAt, (UUID) row[0], otherStart);
            entityManager.createNativeQuery("""
                    insert into incident_link (id, from_incident, to_incident, link_type, interval_minutes, status,
                                               created_at, created_by)
                    select :linkId, :from, :to, 'follow-up-strike', :minutes, 'proposed', now(), 'shahed'
                    where not exists (select 1 from incident_link
                                      where (from_incident = :from and to_incident = :to)
                                         or (from_incident = :to and to_incident = :from))
                    """)
                    .setParameter("linkId", UUID.randomUUID())
                    .setParameter("from", pair.first())
                    .setParameter("to", pair.followUp())
                    .setParameter("minutes", (int) pair.minutesApart())
                    .executeUpdate();
        }
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void recordDuplicate(Incident duplicate, Incident survivor, String by) {
        IncidentLink link = new IncidentLink();
        link.id = UUID.randomUUID();
        link.fromIncident = survivor.id;
        link.toIncident = duplicate.id;
        link.linkType = "duplicate";
        link.status = "confirmed";
        link.createdAt = Instant.now();
        link.createdBy = by;
        link.persist();
    }

    public List<IncidentLink> of(UUID incident) {
        return IncidentLink.list("fromIncident = ?1 or toIncident = ?1 order by createdAt", incident);
    }

    @Transactional
    public IncidentLink add(UUID from, LinkInput input, String by) {
        if (Incident.findById(input.toIncident()) == null) {
            throw Problems.invalidField("toIncident", "no incident " + input.toIncident());
        }
        if (from.equals(input.toIncident())) {
            throw Problems.invalidField("toIncident", "an incident is not linked to itself");
        }
        if (IncidentLink.count("fromIncident = ?1 and toIncident = ?2 and linkType = ?3", from, input.toIncident(),
                input.type().value) > 0) {
            throw Problems.conflict("this link exists already");
        }
        IncidentLink link = new IncidentLink();
        link.id = UUID.randomUUID();
        link.fromIncident = from;
        link.toIncident = input.toIncident();
        link.linkType = input.type().value;
        link.intervalMinutes = input.intervalMinutes();
        link.firstRespondersHarmed = input.firstRespondersHarmed();
        link.status = "confirmed";
        link.note = input.note();
        link.createdAt = Instant.now();
        link.createdBy = by;
        link.persist();
        return link;
    }

    @Transactional
    public IncidentLink decide(UUID incident, UUID linkId, LinkDecision decision) {
        IncidentLink link = IncidentLink.findById(linkId);
        if (link == null || !(link.fromIncident.equals(incident) || link.toIncident.equals(incident))) {
            throw Problems.notFound("link " + linkId);
        }
        link.status = decision.status();
        if (decision.firstRespondersHarmed() != null) {
            link.firstRespondersHarmed = decision.firstRespondersHarmed();
        }
        if (decision.note() != null) {
            link.note = decision.note();
        }
        return link;
    }
}
