package org.shahed.casualty.counts;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;

import org.shahed.platform.outbox.Outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * Derives each incident's counts from its named records, in the transaction of the change that moved them, and
 * emits {@code org.shahed.casualty.counts-changed} when they moved. The incident's counts row is locked first, so
 * concurrent writers for one incident take turns and the last one counts every committed record.
 */
@ApplicationScoped
public class IncidentCounts {
    static final String EVENT = "org.shahed.casualty.counts-changed";

    @Inject
    EntityManager entityManager;
    @Inject
    Outbox outbox;
    @Inject
    ObjectMapper json;

    /** Recomputes the counts of these incidents (nulls ignored), in a stable order to avoid deadlocks. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void refresh(Collection<UUID> incidents) {
        for (UUID incident : new TreeSet<>(incidents.stream().filter(Objects::nonNull).toList())) {
            refresh(incident);
        }
    }

    public Optional<IncidentCountsRow> of(UUID incident) {
        return IncidentCountsRow.findByIdOptional(incident);
    }

    public Counts read(IncidentCountsRow row) {
        try {
            return json.readValue(row.counts, Counts.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private void refresh(UUID incident) {
        entityManager.createNativeQuery("""
                insert into incident_counts (incident_id, version, counts, updated_at)
                values (:incident, 0, '{}'::jsonb, now()) on conflict do nothing""")
                .setParameter("incident", incident).executeUpdate();
        entityManager.createNativeQuery("select 1 from incident_counts where incident_id = :incident for update")
                .setParameter("incident", incident).getSingleResult();
        Counts counts = compute(incident);
        IncidentCountsRow row = entityManager.find(IncidentCountsRow.class, incident);
        entityManager.refresh(row);
        String serialized = write(counts);
        if (row.version > 0 && serialized.equals(write(read(row)))) {
            return;
        }
        row.version++;
        row.counts = serialized;
        row.updatedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        outbox.record("incident-counts", incident, EVENT, CountsChanged.of(incident, row.version, row.updatedAt, counts));
    }

    private Counts compute(UUID incident) {
        Object[] r = (Object[]) entityManager.createNativeQuery("""
                select
                  count(*) filter (where outcome = 'killed'),
                  count(*) filter (where outcome = 'killed' and is_child),
                  count(*) filter (where outcome = 'killed' and is_child is not false),
                  count(*) filter (where outcome = 'killed' and sex = 'female' and is_child = false),
                  count(*) filter (where outcome = 'killed' and sex <> 'male' and is_child is not true),
                  count(*) filter (where outcome = 'killed' and sex = 'male' and is_child = false),
                  count(*) filter (where outcome = 'killed' and sex <> 'female' and is_child is not true),
                  count(*) filter (where outcome = 'injured'),
                  count(*) filter (where outcome in ('missing', 'enforced-disappearance')),
                  count(*) filter (where outcome = 'detained')
                from casualty
                where incident_id = :incident and deleted_at is null and merged_into is null""")
                .setParameter("incident", incident).getSingleResult();
        return new Counts(Counts.Range.exactly(n(r[0])), Counts.Range.between(n(r[1]), n(r[2])),
                Counts.Range.between(n(r[3]), n(r[4])), Counts.Range.between(n(r[5]), n(r[6])),
                Counts.Range.exactly(n(r[7])), Counts.Range.exactly(n(r[8])), Counts.Range.exactly(n(r[9])));
    }

    private static long n(Object value) {
        return ((Number) value).longValue();
    }

    private String write(Counts counts) {
        try {
            return json.writeValueAsString(counts);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
