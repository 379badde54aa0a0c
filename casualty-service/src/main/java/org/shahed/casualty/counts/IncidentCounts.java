package org.shahed.casualty.counts;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;

import org.hibernate.Session;
import org.shahed.casualty.events.CountsChanged;
import org.shahed.platform.outbox.Outbox;
import org.shahed.platform.outbox.TraceContexts;
import org.shahed.platform.store.AfterCommit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.opentelemetry.context.Scope;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;

/**
 * Derives each incident's counts from its named records and emits {@code org.shahed.casualty.counts-changed} when
 * they moved. A single write only notes that its incident's counts are due ({@link #markDue}); {@link CountsUpkeep}
 * recounts them after it commits, once for however many writes noted them meanwhile, so writers of one incident
 * never wait for each other, and a reader of the counts recounts first if they are due ({@link #refreshIfDue}).
 * A recount locks the incident's counts row first, so recounts of one incident take turns and the last one
 * counts every committed record. Imports recount in each batch's transaction.
 */
@ApplicationScoped
public class IncidentCounts {

    @Inject
    EntityManager entityManager;
    @Inject
    Outbox outbox;
    @Inject
    ObjectMapper json;
    @Inject
    TransactionSynchronizationRegistry transactions;
    @Inject
    CountsUpkeep upkeep;

    /**
     * Notes, in the caller's transaction, that the counts of these incidents (nulls ignored) are due: recounted
     * soon after it commits.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void markDue(Collection<UUID> incidents) {
        UUID[] ids = new TreeSet<>(incidents.stream().filter(Objects::nonNull).toList()).toArray(UUID[]::new);
        if (ids.length == 0) {
            return;
        }
        entityManager.createNativeQuery("insert into incident_counts_due (incident_id, traceparent)"
                + " select unnest(cast(:ids as uuid[])), :traceparent")
                .setParameter("ids", ids).setParameter("traceparent", TraceContexts.current()).executeUpdate();
        AfterCommit.run(transactions, upkeep::wakeUp);
    }

    /**
     * Recounts, in the caller's transaction, the incidents noted due (at most {@code limit} notes, oldest first,
     * none another transaction is taking); how many notes it took.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public int refreshDue(int limit) {
        @SuppressWarnings("unchecked")
        List<Object[]> notes = entityManager.createNativeQuery("""
                with taken as (select ctid from incident_counts_due order by noted_at limit :limit for update skip locked)
                delete from incident_counts_due d using taken where d.ctid = taken.ctid
                returning d.incident_id, d.traceparent, d.noted_at""")
                .setParameter("limit", limit).getResultList();
        refreshNoted(notes);
        return notes.size();
    }

    /**
     * Recounts the incidents of these notes (incident, traceparent, noted at), each one's event in the trace of the
     * latest write that noted it, so that a write can be followed to its effect.
     */
    @SuppressWarnings("unchecked")
    private void refreshNoted(List<Object[]> notes) {
        Map<UUID, String> traces = new HashMap<>();
        notes.stream().sorted(Comparator.comparing(note -> (Comparable<Object>) note[2]))
                .forEach(note -> traces.put((UUID) note[0], (String) note[1]));
        refresh(traces.keySet(), traces);
    }

    /** Recounts this incident now if a write noted its counts due, so that its reader sees every committed record. */
    @Transactional
    public void refreshIfDue(UUID incident) {
        @SuppressWarnings("unchecked")
        List<Object[]> notes = entityManager.createNativeQuery("delete from incident_counts_due where incident_id = :incident"
                + " returning incident_id, traceparent, noted_at").setParameter("incident", incident).getResultList();
        refreshNoted(notes);
    }

    /**
     * Recomputes the counts of these incidents (nulls ignored) set-wise, a few statements for any number of them:
     * their rows are locked in a stable order (no deadlocks between writers), counted in one grouped query, and
     * those whose counts moved get a new version and an event.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void refresh(Collection<UUID> incidents) {
        refresh(incidents, Map.of());
    }

    /** As {@link #refresh(Collection)}, each incident's event in the trace {@code traces} names for it, if any. */
    private void refresh(Collection<UUID> incidents, Map<UUID, String> traces) {
        UUID[] ids = new TreeSet<>(incidents.stream().filter(Objects::nonNull).toList()).toArray(UUID[]::new);
        if (ids.length == 0) {
            return;
        }
        entityManager.flush();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Map<String, List<Outbox.Event>> eventsByTrace = new HashMap<>();
        entityManager.unwrap(Session.class).doWork(connection -> {
            Array idArray = connection.createArrayOf("uuid", ids);
            Map<UUID, Long> versions = new HashMap<>();
            Map<UUID, String> stored = new HashMap<>();
            try (PreparedStatement create = connection.prepareStatement("""
                    insert into incident_counts (incident_id, version, counts, updated_at)
                    select id, 0, '{}'::jsonb, now() from unnest(?::uuid[]) as ids(id) on conflict do nothing""");
                    PreparedStatement lock = connection.prepareStatement("""
                            select incident_id, version, counts::text from incident_counts
                            where incident_id = any (?::uuid[]) order by incident_id for update""")) {
                create.setArray(1, idArray);
                create.executeUpdate();
                lock.setArray(1, idArray);
                try (ResultSet rows = lock.executeQuery()) {
                    while (rows.next()) {
                        UUID id = rows.getObject(1, UUID.class);
                        versions.put(id, rows.getLong(2));
                        stored.put(id, rows.getString(3));
                    }
                }
            }
            Map<UUID, Counts> counted = compute(connection, idArray);
            try (PreparedStatement update = connection.prepareStatement(
                    "update incident_counts set version = ?, counts = ?::jsonb, updated_at = ? where incident_id = ?")) {
                for (UUID id : ids) {
                    Counts counts = counted.getOrDefault(id, Counts.NONE);
                    String serialized = write(counts);
                    long version = versions.get(id);
                    if (version > 0 && serialized.equals(write(read(stored.get(id))))) {
                        continue;
                    }
                    update.setLong(1, version + 1);
                    update.setString(2, serialized);
                    update.setObject(3, Timestamp.from(now));
                    update.setObject(4, id);
                    update.addBatch();
                    eventsByTrace.computeIfAbsent(Objects.requireNonNullElse(traces.get(id), ""), trace -> new ArrayList<>())
                            .add(outbox.event(id, CountsChanged.TYPE, event(id, version + 1, now, counts)));
                }
                update.executeBatch();
            }
        });
        eventsByTrace.forEach((trace, events) -> {
            if (trace.isEmpty()) {
                outbox.recordAll("incident-counts", events); // in the caller's own trace, if any
            } else {
                try (Scope scope = TraceContexts.parentOf(trace).makeCurrent()) {
                    outbox.recordAll("incident-counts", events);
                }
            }
        });
    }

    public Optional<IncidentCountsRow> of(UUID incident) {
        return IncidentCountsRow.findByIdOptional(incident);
    }

    public Counts read(IncidentCountsRow row) {
        return read(row.counts);
    }

    private Counts read(String stored) {
        try {
            return json.readValue(stored, Counts.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<UUID, Counts> compute(Connection connection, Array ids) throws SQLException {
        Map<UUID, Counts> counted = new HashMap<>();
        try (PreparedStatement count = connection.prepareStatement("""
                select incident_id,
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
                where incident_id = any (?::uuid[]) and deleted_at is null and merged_into is null
                group by incident_id""")) {
            count.setArray(1, ids);
            try (ResultSet r = count.executeQuery()) {
                while (r.next()) {
                    counted.put(r.getObject(1, UUID.class), new Counts(Counts.Range.exactly(r.getLong(2)),
                            Counts.Range.between(r.getLong(3), r.getLong(4)), Counts.Range.between(r.getLong(5), r.getLong(6)),
                            Counts.Range.between(r.getLong(7), r.getLong(8)), Counts.Range.exactly(r.getLong(9)),
                            Counts.Range.exactly(r.getLong(10)), Counts.Range.exactly(r.getLong(11))));
                }
            }
        }
        return counted;
    }

    private String write(Counts counts) {
        try {
            return json.writeValueAsString(counts);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The data of a counts-changed event (its shape is casualty-events' contract). */
    private static CountsChanged event(UUID incidentId, long version, Instant asOf, Counts counts) {
        return new CountsChanged(incidentId, version, asOf, range(counts.killed()), range(counts.children()),
                range(counts.women()), range(counts.men()), range(counts.injured()), range(counts.missing()),
                range(counts.detained()));
    }

    private static CountsChanged.Range range(Counts.Range range) {
        return new CountsChanged.Range(range.min(), range.max());
    }
}
