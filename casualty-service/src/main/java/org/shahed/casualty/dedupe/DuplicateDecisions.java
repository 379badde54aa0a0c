package org.shahed.casualty.dedupe;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.shahed.casualty.record.Casualty;
import org.shahed.platform.web.Problems;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/** Reviewers' decisions on candidate pairs: recorded with their history, and read where candidates are proposed. */
@ApplicationScoped
public class DuplicateDecisions {
    @Inject
    EntityManager entityManager;

    /** Records a decision on the pair; the two must be live records, and not the same one. */
    @Transactional
    public DuplicateDecision decide(UUID recordId, UUID candidateId, String decision, String note, String by) {
        requirePair(recordId, candidateId);
        DuplicateDecision row = new DuplicateDecision();
        row.recordLow = low(recordId, candidateId);
        row.recordHigh = high(recordId, candidateId);
        row.decision = decision;
        row.note = note;
        row.decidedBy = by;
        row.decidedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        row.persist();
        return row;
    }

    /** Every decision taken on the pair, oldest first. */
    public List<DuplicateDecision> history(UUID recordId, UUID candidateId) {
        requirePair(recordId, candidateId);
        return DuplicateDecision.list("recordLow = ?1 and recordHigh = ?2 order by id", low(recordId, candidateId),
                high(recordId, candidateId));
    }

    private static void requirePair(UUID recordId, UUID candidateId) {
        if (recordId.equals(candidateId)) {
            throw Problems.invalidParameter("candidateId", "a record other than " + recordId);
        }
        for (UUID id : List.of(recordId, candidateId)) {
            Casualty record = Casualty.findById(id);
            if (record == null || record.isDeleted()) {
                throw Problems.notFound("casualty record " + id);
            }
        }
    }

    /** The current decision of each decided pair among the given records, by {@link #pair}. */
    public Map<String, String> among(Collection<UUID> records) {
        Map<String, String> decisions = new HashMap<>();
        if (records.isEmpty()) {
            return decisions;
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                select distinct on (record_low, record_high) record_low, record_high, decision
                from duplicate_decision
                where record_low = any(cast(:ids as uuid[])) or record_high = any(cast(:ids as uuid[]))
                order by record_low, record_high, id desc""")
                .setParameter("ids", records.toArray(UUID[]::new)).getResultList();
        for (Object[] row : rows) {
            decisions.put(pair((UUID) row[0], (UUID) row[1]), (String) row[2]);
        }
        return decisions;
    }

    /** The key of a pair, the same whichever record comes first. */
    public static String pair(UUID a, UUID b) {
        return low(a, b) + "/" + high(a, b);
    }

    /** The lower id of two in PostgreSQL's uuid order (unsigned bytes), which the table's check follows. */
    static UUID low(UUID a, UUID b) {
        return compare(a, b) <= 0 ? a : b;
    }

    static UUID high(UUID a, UUID b) {
        return compare(a, b) <= 0 ? b : a;
    }

    private static int compare(UUID a, UUID b) {
        int most = Long.compareUnsigned(a.getMostSignificantBits(), b.getMostSignificantBits());
        return most != 0 ? most : Long.compareUnsigned(a.getLeastSignificantBits(), b.getLeastSignificantBits());
    }
}
