package org.shahed.platform.store;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.shahed.platform.web.Cursors;
import org.shahed.platform.web.Page;
import org.shahed.platform.web.Problems;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/** The kept history of records: one snapshot per version, with the change's name, author, time and note. */
@ApplicationScoped
public class History {
    private final EntityManager entityManager;
    private final ObjectMapper json;

    @Inject
    public History(EntityManager entityManager, ObjectMapper json) {
        this.entityManager = entityManager;
        this.json = json;
    }

    /** One state of a record in its history, as the API answers it. */
    @Schema(name = "Revision", description = "One state of a record in its history")
    public record Revision(
            @Schema(description = "The version this change produced") long revision,
            @Schema(example = "updated") String change,
            Instant changedAt,
            String changedBy,
            String note,
            @Schema(description = "The record as it was after this change, as staff read it") JsonNode state) {
    }

    /**
     * A page of the states of {@code what} (a record of type {@code aggregateType}), as {@link #page}; 404 naming
     * {@code what} when it has none.
     */
    public Page<Revision> revisions(String aggregateType, UUID id, String cursor, int limit, String what) {
        Page<RecordRevision> page = page(aggregateType, id, cursor, limit);
        if (page.items().isEmpty() && cursor == null) {
            throw Problems.notFound(what);
        }
        return new Page<>(page.items().stream().map(r -> new Revision(r.revision, r.change, r.changedAt,
                r.changedBy, r.note, tree(r.snapshot))).toList(), page.next());
    }

    private JsonNode tree(String snapshot) {
        try {
            return json.readTree(snapshot);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a history snapshot is not JSON", e);
        }
    }

    /** Keeps {@code snapshot} (the record's API view as JSON) as the state after {@code record}'s latest change. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void keep(String aggregateType, VersionedDocument record, String change, String note, String snapshot) {
        RecordRevision revision = new RecordRevision();
        revision.aggregateType = aggregateType;
        revision.aggregateId = record.id;
        revision.revision = record.version;
        revision.change = change;
        revision.changedAt = record.updatedAt;
        revision.changedBy = record.updatedBy;
        revision.note = note;
        revision.snapshot = snapshot;
        revision.persist();
    }

    /** One state for {@link #keepAll}, already encoded. */
    public record Kept(CopyIn.Line line) {
    }

    /**
     * Prepares a state for {@link #keepAll}, as {@link #keep} would keep it; needs no transaction, so bulk writers
     * can prepare ahead.
     */
    public static Kept kept(String aggregateType, VersionedDocument record, String change, String note,
            String snapshot) {
        return new Kept(CopyIn.line(aggregateType, record.id, record.version, change, record.updatedAt,
                record.updatedBy, note, snapshot));
    }

    /** Keeps many states at once (bulk writes), with one round trip; otherwise as {@link #keep}. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void keepAll(List<Kept> states) {
        CopyIn rows = CopyIn.into("record_revision", "aggregate_type", "aggregate_id", "revision", "change",
                "changed_at", "changed_by", "note", "snapshot");
        for (Kept kept : states) {
            rows.add(kept.line());
        }
        rows.write(entityManager);
    }

    /**
     * A page of a record's states, oldest first, after the revision in {@code cursor} (none: from the first);
     * the first page is empty only when the record never existed.
     */
    public Page<RecordRevision> page(String aggregateType, UUID id, String cursor, int limit) {
        Page.limit(limit);
        long after = Cursors.decodePosition("revisions", cursor, "cursor");
        List<RecordRevision> fetched = RecordRevision.<RecordRevision>find(
                "aggregateType = ?1 and aggregateId = ?2 and revision > ?3 order by revision", aggregateType, id, after)
                .page(0, limit + 1).list();
        return Page.of(fetched, limit, revision -> Cursors.encode("revisions", Long.toString(revision.revision)),
                revision -> revision);
    }
}
