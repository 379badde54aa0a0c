package org.shahed.casualty.record;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

import org.hibernate.Session;
import org.shahed.platform.outbox.Outbox;
import org.shahed.platform.store.ChangeFeed;
import org.shahed.platform.store.CopyIn;
import org.shahed.platform.store.FeedPosition;
import org.shahed.platform.store.History;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.WebApplicationException;

/**
 * Casualty records written many at a time, for imports, under the same rules as {@link Casualties}. A batch is
 * drafted first, outside any transaction (checks, derived columns, the COPY text of its rows and of their history,
 * and their events, so that the next batch is drafted while this one is written), then written set-wise: new
 * records go in with COPY together with their history, and their events as one outbox row. Rows that update an
 * existing source record, or repeat one met earlier in the batch, take the single-record path after them, in
 * order, so that the last row of a source record wins as it would one by one. Batches may be written by
 * concurrent transactions, each taking its {@link Turn}s after the batch before it.
 */
@ApplicationScoped
public class BulkCasualties {
    @Inject
    Casualties casualties;
    @Inject
    CasualtyMapper mapper;
    @Inject
    Outbox outbox;
    @Inject
    History history;
    @Inject
    ChangeFeed changeFeed;
    @Inject
    EntityManager entityManager;
    @Inject
    CasualtyDisclosure disclosure;

    /**
     * A new record ready to be written: its row (encoded but for its changes-feed position, which is taken in the
     * write's transaction), the state kept in history, and its event.
     */
    record NewRecord(UUID incidentId, CopyIn.Line row, History.Kept state, Outbox.Event event) {
    }

    /** The columns of a new record's row; its feed position and {@code shared_at} last, known at write time only. */
    private static final String[] COLUMNS = { "id", "reference", "version", "document", "incident_id", "outcome",
            "sex", "age_years", "is_child", "civilian_status", "roles", "event_date", "admin_pcodes",
            "documentation_level", "name_text", "name_keys", "match_names", "consent_publish_name", "source_system", "external_id",
            "last_change", "created_at", "created_by", "updated_at", "updated_by", "organisation", "change_txid",
            "change_seq", "shared_at" };

    /** A batch ready to be written: per input, why it is refused, or the new record it would be. */
    public record Draft(String by, String organisation, List<CasualtyInput> inputs,
            List<WebApplicationException> refusals, List<NewRecord> records) {
    }

    /**
     * Checks the inputs and prepares each as a new record. Needs no transaction; reference numbers are taken from
     * their sequence here (one that is not used in the end leaves a gap; references are never reused).
     */
    public Draft draft(List<CasualtyInput> inputs, String by, String organisation) {
        List<WebApplicationException> refusals = new ArrayList<>(Collections.nCopies(inputs.size(), null));
        for (int i = 0; i < inputs.size(); i++) {
            try {
                Casualties.check(inputs.get(i));
            } catch (WebApplicationException e) {
                refusals.set(i, e);
            }
        }
        long accepted = refusals.stream().filter(r -> r == null).count();
        List<Number> numbers = accepted == 0 ? List.of() : QuarkusTransaction.requiringNew().call(() -> referenceNumbers(accepted));
        List<NewRecord> records = new ArrayList<>(Collections.nCopies(inputs.size(), null));
        int next = 0;
        for (int i = 0; i < inputs.size(); i++) {
            if (refusals.get(i) != null) {
                continue;
            }
            CasualtyInput input = inputs.get(i);
            Casualty c = new Casualty();
            c.start(null, by);
            c.organisation = organisation;
            mapper.apply(c, input);
            c.reference = Casualties.reference(numbers.get(next++).longValue(), c.eventDate);
            c.lastChange = "created";
            CopyIn.Line row = CopyIn.line(c.id, c.reference, c.version, c.document, c.incidentId, c.outcome, c.sex,
                    c.ageYears, c.isChild, c.civilianStatus, c.roles, c.eventDate, c.adminPcodes, c.documentationLevel,
                    c.nameText, c.nameKeys, c.matchNames, c.consentPublishName, c.sourceSystem, c.externalId, c.lastChange,
                    c.createdAt, c.createdBy, c.updatedAt, c.updatedBy, c.organisation);
            History.Kept state = History.kept(Casualties.AGGREGATE, c, c.lastChange, null,
                    mapper.fullViewAroundDocument(c, input));
            records.set(i, new NewRecord(c.incidentId, row, state,
                    outbox.event(c.id, Casualties.EVENT_PREFIX + "created", CasualtyMapper.event(c))));
        }
        return new Draft(by, organisation, inputs, refusals, records);
    }

    /**
     * Where a batch's write waits for the batch before it, when several are written at once: around its
     * source-record locks, and around taking its changes-feed positions (after which it waits for the previous
     * batch's transaction to end). Everything between the two (history and events) overlaps the previous batch.
     */
    public interface Turn {
        <T> T lockSourceRecords(Supplier<T> lock);

        <T> T takeFeedPositions(Supplier<T> take);
    }

    /**
     * Writes a drafted batch in the caller's transaction, taking its turns after the batch before it; adds the
     * incidents whose counts moved to {@code touched}. Returns, per input, what became of it or why it was refused.
     * Its feed positions are taken even when it creates no record: that is the turn that orders commits. What
     * follows them here, and what the caller does after (counts, progress), runs once the previous batch has
     * committed, so it never waits for a lock a later batch holds.
     */
    @Transactional(value = Transactional.TxType.MANDATORY, dontRollbackOn = WebApplicationException.class)
    public Written write(Draft draft, Set<UUID> touched, Turn turn) {
        List<WebApplicationException> refusals = new ArrayList<>(draft.refusals());
        List<Casualties.Effect> effects = new ArrayList<>(Collections.nCopies(refusals.size(), null));
        List<CasualtyInput> sourced = new ArrayList<>();
        for (int i = 0; i < draft.inputs().size(); i++) {
            if (refusals.get(i) == null && draft.inputs().get(i).sourceSystem() != null) {
                sourced.add(draft.inputs().get(i));
            }
        }
        Set<String> known = turn.lockSourceRecords(() -> lockAndFindSourceRecords(sourced));
        List<NewRecord> created = new ArrayList<>();
        List<Integer> oneByOne = new ArrayList<>();
        for (int i = 0; i < draft.inputs().size(); i++) {
            CasualtyInput input = draft.inputs().get(i);
            if (refusals.get(i) != null) {
                continue;
            }
            if (input.sourceSystem() != null && !known.add(Casualties.sourceKey(input))) {
                oneByOne.add(i);
            } else {
                created.add(draft.records().get(i));
                effects.set(i, Casualties.Effect.CREATED);
            }
        }
        keepAndPublish(created);
        List<FeedPosition> positions = turn.takeFeedPositions(() -> changeFeed.next(Casualties.AGGREGATE, created.size()));
        insert(created, positions, touched);
        for (int i : oneByOne) {
            try {
                effects.set(i, casualties.ingest(draft.inputs().get(i), draft.by(), draft.organisation(), touched).effect());
            } catch (WebApplicationException e) {
                refusals.set(i, e);
            }
            // Keep the persistence context small: each lookup flushes it, and a full one makes that slow.
            entityManager.flush();
            entityManager.clear();
        }
        return new Written(refusals, effects);
    }

    /** Per input of a batch: why it was refused (null when it was not), else what its write did. */
    public record Written(List<WebApplicationException> refusals, List<Casualties.Effect> effects) {
    }

    /** The new records' first revisions and events: written before their rows, in the same transaction. */
    private void keepAndPublish(List<NewRecord> created) {
        if (created.isEmpty()) {
            return;
        }
        history.keepAll(created.stream().map(NewRecord::state).toList());
        outbox.recordAll(Casualties.AGGREGATE, created.stream().map(NewRecord::event).toList());
    }

    private void insert(List<NewRecord> created, List<FeedPosition> positions, Set<UUID> touched) {
        if (created.isEmpty()) {
            return;
        }
        List<UUID> incidents = created.stream().map(NewRecord::incidentId).toList();
        // See CasualtyDisclosure#published.
        changeFeed.guardPublication(Casualties.AGGREGATE, incidents);
        Set<UUID> published = disclosure.published(incidents);
        Instant now = Instant.now();
        CopyIn rows = CopyIn.into("casualty", COLUMNS);
        for (int i = 0; i < created.size(); i++) {
            NewRecord record = created.get(i);
            touched.add(record.incidentId());
            rows.add(record.row(), positions.get(i).transaction(), positions.get(i).sequence(),
                    published.contains(record.incidentId()) ? now : null);
        }
        rows.write(entityManager);
    }

    @SuppressWarnings("unchecked")
    private List<Number> referenceNumbers(long count) {
        return entityManager.createNativeQuery("select nextval('casualty_reference_seq') from generate_series(1, :n)")
                .setParameter("n", count).getResultList();
    }

    /**
     * Takes the locks of these inputs' source records (in a stable order, so that concurrent writers cannot
     * deadlock) and returns the keys of those that already exist.
     */
    private Set<String> lockAndFindSourceRecords(List<CasualtyInput> sourced) {
        Set<String> known = new HashSet<>();
        if (sourced.isEmpty()) {
            return known;
        }
        String[] keys = sourced.stream().map(Casualties::sourceKey).distinct().sorted().toArray(String[]::new);
        String[] systems = sourced.stream().map(CasualtyInput::sourceSystem).toArray(String[]::new);
        String[] externalIds = sourced.stream().map(CasualtyInput::externalId).toArray(String[]::new);
        entityManager.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement lock = connection.prepareStatement("""
                    select count(pg_advisory_xact_lock(hashtextextended(key, 0)))
                    from (select key from unnest(?::text[]) with ordinality as k(key, n) order by n) keys""");
                    PreparedStatement find = connection.prepareStatement("""
                            select source_system, external_id from casualty
                            where (source_system, external_id) in (select * from unnest(?::text[], ?::text[]))""")) {
                lock.setArray(1, connection.createArrayOf("text", keys));
                lock.executeQuery().close();
                find.setArray(1, connection.createArrayOf("text", systems));
                find.setArray(2, connection.createArrayOf("text", externalIds));
                try (ResultSet found = find.executeQuery()) {
                    while (found.next()) {
                        known.add(found.getString(1) + "\n" + found.getString(2));
                    }
                }
            }
        });
        return known;
    }
}
