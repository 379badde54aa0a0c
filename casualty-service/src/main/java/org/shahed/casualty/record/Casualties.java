package org.shahed.casualty.record;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import org.shahed.casualty.counts.IncidentCounts;
import org.shahed.platform.security.Audience;
import org.shahed.platform.store.ChangeFeed;
import org.shahed.platform.outbox.ChangeRecorder;
import org.shahed.platform.web.ETags;
import org.shahed.platform.web.Problems;
import org.shahed.platform.store.NativeIds;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.WebApplicationException;

/**
 * The rules of casualty records. Writes are versioned, kept in history, fed to the changes feed and published
 * through the outbox in their own transaction; the incident's counts follow in the same transaction. Locks are
 * always taken in one order, so that writers, imports and the incident consumer never deadlock: a source record's
 * lock, then the changes feed's, then records' rows (the incident consumer renumbers an incident's records when
 * its publication changes, holding the feed's lock).
 */
@ApplicationScoped
public class Casualties {
    public static final String AGGREGATE = "casualty";
    static final String EVENT_PREFIX = "org.shahed.casualty.";

    /** What a write did: a new record, a changed one (same source record again), or nothing (identical). */
    public enum Effect {
        CREATED, UPDATED, UNCHANGED
    }

    public record Written(Casualty casualty, Effect effect) {
    }

    @Inject
    CasualtyMapper mapper;
    @Inject
    IncidentCounts counts;
    @Inject
    ChangeRecorder recorder;
    @Inject
    ChangeFeed changeFeed;
    @Inject
    EntityManager entityManager;
    @Inject
    CasualtyDisclosure disclosure;

    /** One write, its incident's counts noted due, for the single-record API. */
    @Transactional
    public Written write(CasualtyInput input, String by, String organisation) {
        Set<UUID> touched = new HashSet<>();
        Written written = ingest(input, by, organisation, touched);
        counts.markDue(touched);
        return written;
    }

    /**
     * Creates the record, or updates the one with the same {@code (sourceSystem, externalId)}. The caller
     * refreshes the counts of the {@code touched} incidents (once per batch for imports). A new record belongs to
     * {@code organisation}, and only that organisation updates it this way.
     */
    @Transactional(value = Transactional.TxType.MANDATORY, dontRollbackOn = WebApplicationException.class)
    public Written ingest(CasualtyInput input, String by, String organisation, Set<UUID> touched) {
        check(input);
        Casualty existing = null;
        if (input.sourceSystem() != null && input.externalId() != null) {
            // Serialises writers of the same source record, so that two imports cannot both create it.
            entityManager.createNativeQuery("select pg_advisory_xact_lock(hashtextextended(:key, 0))")
                    .setParameter("key", sourceKey(input))
                    .getSingleResult();
        }
        if (input.sourceSystem() != null && input.externalId() != null) {
            existing = Casualty.<Casualty>find("sourceSystem = ?1 and externalId = ?2",
                    input.sourceSystem(), input.externalId()).firstResult();
        }
        // After the source record's lock, as imports take them (BulkCasualties), before any record's row.
        changeFeed.guardPublication(AGGREGATE, Arrays.asList(input.incidentId(), existing == null ? null : existing.incidentId));
        if (existing != null) {
            if (existing.isDeleted()) {
                throw Problems.conflict("source record " + input.sourceSystem() + "/" + input.externalId()
                        + " was deleted here; it is not re-created by ingestion");
            }
            if (existing.organisation != null && !existing.organisation.equals(organisation)) {
                // Naming another organisation's source ids must not overwrite its records.
                throw Problems.conflict("source record " + input.sourceSystem() + "/" + input.externalId()
                        + " was written by another organisation; it is updated only by that organisation");
            }
            if (mapper.record(existing).equals(input)) {
                return new Written(existing, Effect.UNCHANGED);
            }
            touched.add(existing.incidentId);
            mapper.apply(existing, input);
            existing.revise(by);
            touched.add(existing.incidentId);
            record(existing, "updated");
            return new Written(existing, Effect.UPDATED);
        }
        Casualty casualty = new Casualty();
        casualty.start(null, by);
        casualty.organisation = organisation;
        mapper.apply(casualty, input);
        casualty.reference = nextReference(input);
        touched.add(casualty.incidentId);
        record(casualty, "created");
        return new Written(casualty, Effect.CREATED);
    }

    @Transactional
    public Casualty replace(UUID id, CasualtyInput input, String ifMatch, String by) {
        Set<UUID> guarded = guardIncidentsOf(List.of(id), input.incidentId());
        Casualty casualty = locked(id, guarded);
        ETags.requireMatch(ifMatch, casualty.version);
        check(input);
        Set<UUID> touched = new HashSet<>();
        touched.add(casualty.incidentId);
        mapper.apply(casualty, input);
        casualty.revise(by);
        touched.add(casualty.incidentId);
        record(casualty, "updated");
        counts.markDue(touched);
        return casualty;
    }

    @Transactional
    public void delete(UUID id, String ifMatch, String by) {
        Casualty casualty = locked(id, guardIncidentsOf(List.of(id), null));
        ETags.requireMatch(ifMatch, casualty.version);
        casualty.markDeleted(by);
        record(casualty, "deleted");
        counts.markDue(Collections.singleton(casualty.incidentId));
    }

    /**
     * Merges duplicates into {@code survivorId}: the survivor gains every source they had, they stay as history
     * pointing to it (never deleted), and counts no longer count them twice.
     */
    @Transactional
    public Casualty merge(UUID survivorId, List<UUID> duplicateIds, String ifMatch, String by) {
        List<UUID> records = new ArrayList<>(duplicateIds);
        records.add(survivorId);
        Set<UUID> guarded = guardIncidentsOf(records, null);
        Casualty survivor = locked(survivorId, guarded);
        ETags.requireMatch(ifMatch, survivor.version);
        if (survivor.mergedInto != null) {
            throw Problems.conflict("the survivor was itself merged into " + survivor.mergedInto);
        }
        CasualtyInput kept = mapper.record(survivor);
        List<CasualtyInput.Source> sources = new ArrayList<>(kept.sources() == null ? List.of() : kept.sources());
        Set<UUID> touched = new HashSet<>();
        touched.add(survivor.incidentId);
        for (int i = 0; i < duplicateIds.size(); i++) {
            UUID duplicateId = duplicateIds.get(i);
            Casualty duplicate = Casualty.findById(duplicateId, LockModeType.PESSIMISTIC_WRITE);
            guardMoved(duplicate, guarded);
            if (duplicate == null || duplicate.isDeleted() || duplicate.mergedInto != null || duplicate.id.equals(survivorId)) {
                throw Problems.invalidField("duplicateIds[" + i + "]", "no live, unmerged record " + duplicateId + " other than the survivor");
            }
            CasualtyInput merged = mapper.record(duplicate);
            List<CasualtyInput.Source> added = merged.sources() == null ? List.of()
                    : merged.sources().stream().filter(source -> !sources.contains(source)).toList();
            sources.addAll(added);
            duplicate.mergedInto = survivorId;
            duplicate.revise(by);
            touched.add(duplicate.incidentId);
            record(duplicate, "merged");
            CasualtyMerge merge = new CasualtyMerge();
            merge.id = UUID.randomUUID();
            merge.survivorId = survivorId;
            merge.mergedId = duplicateId;
            merge.sourcesAdded = mapper.write(added);
            merge.mergedAt = duplicate.updatedAt;
            merge.mergedBy = by;
            merge.persist();
        }
        mapper.apply(survivor, withSources(kept, sources));
        survivor.revise(by);
        record(survivor, "updated");
        counts.markDue(touched);
        return survivor;
    }

    /** Undoes the merge of {@code mergedId}: it is a record of its own again, and the survivor loses its sources. */
    @Transactional
    public Casualty unmerge(UUID mergedId, String by) {
        CasualtyMerge merge = CasualtyMerge.find("mergedId = ?1 and unmergedAt is null", mergedId).firstResult();
        if (merge == null) {
            throw Problems.conflict("record " + mergedId + " is not merged into another");
        }
        Set<UUID> guarded = guardIncidentsOf(List.of(mergedId, merge.survivorId), null);
        Casualty duplicate = locked(mergedId, guarded);
        Casualty survivor = locked(merge.survivorId, guarded);
        duplicate.mergedInto = null;
        duplicate.revise(by);
        record(duplicate, "unmerged");
        List<CasualtyInput.Source> added = List.of(mapper.read(merge.sourcesAdded, CasualtyInput.Source[].class));
        CasualtyInput kept = mapper.record(survivor);
        List<CasualtyInput.Source> remaining = new ArrayList<>(kept.sources() == null ? List.of() : kept.sources());
        remaining.removeAll(added);
        mapper.apply(survivor, withSources(kept, remaining));
        survivor.revise(by);
        record(survivor, "updated");
        merge.unmergedAt = duplicate.updatedAt;
        merge.unmergedBy = by;
        counts.markDue(Arrays.asList(duplicate.incidentId, survivor.incidentId));
        return duplicate;
    }

    private static CasualtyInput withSources(CasualtyInput r, List<CasualtyInput.Source> sources) {
        return new CasualtyInput(r.incidentId(), r.names(), r.sex(), r.age(), r.outcome(), r.status(), r.roles(),
                r.date(), r.place(), r.cause(), r.residence(), sources.isEmpty() ? null : sources,
                r.documentationLevel(), r.consent(), r.relativesContact(), r.sourceSystem(), r.externalId());
    }

    /** The live record {@code id} if {@code audience} reads it (CasualtyDisclosure); 404 otherwise. */
    public Casualty visible(UUID id, Audience audience) {
        return disclosure.readable(audience, Casualty.findById(id), id);
    }

    /** The record locked for a change, its incident's publication guarded ({@code guarded}: those already). */
    private Casualty locked(UUID id, Set<UUID> guarded) {
        Casualty casualty = Casualty.findById(id, LockModeType.PESSIMISTIC_WRITE);
        guardMoved(casualty, guarded);
        if (casualty == null || casualty.isDeleted()) {
            throw Problems.notFound("casualty record " + id);
        }
        return casualty;
    }

    /**
     * Guards the publication of these records' incidents as they are now, and of {@code incident} (where one moves
     * to), before any of their rows is locked (see ChangeFeed#guardPublication); returns the incidents guarded.
     */
    private Set<UUID> guardIncidentsOf(List<UUID> recordIds, UUID incident) {
        Set<UUID> incidents = new HashSet<>(NativeIds.of(entityManager.createNativeQuery(
                "select incident_id as id from casualty where id in (:ids) and incident_id is not null")
                .setParameter("ids", recordIds)));
        if (incident != null) {
            incidents.add(incident);
        }
        changeFeed.guardPublication(AGGREGATE, incidents);
        return incidents;
    }

    /** A record moved to another incident between the look-up and its lock (rare): that one is guarded too. */
    private void guardMoved(Casualty locked, Set<UUID> guarded) {
        if (locked != null && locked.incidentId != null && guarded.add(locked.incidentId)) {
            changeFeed.guardPublication(AGGREGATE, List.of(locked.incidentId));
        }
    }

    /**
     * The incident's live records became readable by partners ({@code published}) or stopped being: each takes a
     * new changes-feed position, so that partners' feeds carry it (or its tombstone), and is marked shared the
     * first time. The records themselves are unchanged: no version, history or event.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void publicationChanged(UUID incidentId, boolean published) {
        changeFeed.changingPublication(AGGREGATE, incidentId);
        entityManager.createNativeQuery("update casualty c set " + ChangeFeed.movedToEnd(AGGREGATE)
                + ", last_change = :change,"
                + " shared_at = case when :published then coalesce(c.shared_at, now()) else c.shared_at end"
                + " where c.incident_id = :incident and c.deleted_at is null and c.merged_into is null")
                .setParameter("change", published ? "published" : "withdrawn").setParameter("published", published)
                .setParameter("incident", incidentId).executeUpdate();
    }

    /** The key of a record's source record, also the name of the lock that serialises its writers. */
    static String sourceKey(CasualtyInput input) {
        return input.sourceSystem() + "\n" + input.externalId();
    }

    /** The rules a record must follow beyond its fields' own constraints. */
    static void check(CasualtyInput input) {
        LocalDate tomorrow = LocalDate.now().plusDays(1);
        if (input.date() != null && input.date().on().isAfter(tomorrow)) {
            throw Problems.invalidField("date.on", "must not be in the future");
        }
        if (input.age() != null && input.age().years() != null && input.age().group() != null) {
            Boolean groupChild = switch (input.age().group()) {
                case CHILD -> true;
                case ADULT, ELDERLY -> false;
                case UNKNOWN -> null;
            };
            if (groupChild != null && groupChild != input.age().years() < 18) {
                throw Problems.invalidField("age.group", "contradicts age.years");
            }
        }
        if ((input.sourceSystem() == null) != (input.externalId() == null)) {
            throw Problems.invalidField(input.sourceSystem() == null ? "sourceSystem" : "externalId",
                    "sourceSystem and externalId go together");
        }
    }

    private void record(Casualty casualty, String change) {
        recorder.recordInFeed(new ChangeRecorder.Change(AGGREGATE, casualty, change, null,
                () -> mapper.write(mapper.view(casualty, mapper.record(casualty), Audience.STAFF, null)),
                EVENT_PREFIX + change, () -> CasualtyMapper.event(casualty)),
                // Under the publication guard its writer took: see CasualtyDisclosure#published.
                () -> casualty.sharedAt = disclosure.sharedAt(casualty,
                        disclosure.published(Collections.singleton(casualty.incidentId))));
    }

    private String nextReference(CasualtyInput input) {
        long number = ((Number) entityManager.createNativeQuery("select nextval('casualty_reference_seq')")
                .getSingleResult()).longValue();
        return reference(number, input.date() == null ? null : input.date().on());
    }

    static String reference(long number, LocalDate eventDate) {
        int year = eventDate != null ? eventDate.getYear() : LocalDate.now().getYear();
        // As String.format("CAS-%d-%06d") would, at a fraction of its cost (imports make one per row).
        String digits = Long.toString(number);
        return "CAS-" + year + "-" + "000000".substring(Math.min(6, digits.length())) + digits;
    }
}
