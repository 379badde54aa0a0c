package org.shahed.casualty.dedupe;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.shahed.casualty.record.Casualty;
import org.shahed.casualty.record.CasualtyInput;
import org.shahed.casualty.record.CasualtyMapper;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

/**
 * Finds records that may describe the same person. Blocking keeps it fast at a million records: only records that
 * share a script-independent blocking key ({@link NameReadings#blockingKeys()}, GIN index) are compared, and each
 * pair is scored by {@link PairScore}.
 */
@ApplicationScoped
public class DuplicateCandidates {
    public static final double DEFAULT_MIN_SCORE = 0.75;
    private static final int BLOCK_LIMIT = 500;

    @Inject
    EntityManager entityManager;
    @Inject
    CasualtyMapper mapper;

    public List<Candidate> of(Casualty record, double minScore, int limit) {
        String[] blockingKeys = Arrays.stream(record.nameKeys).filter(key -> key.startsWith("b:")).toArray(String[]::new);
        if (blockingKeys.length == 0) {
            return List.of();
        }
        @SuppressWarnings("unchecked")
        List<Casualty> block = entityManager.createNativeQuery("""
                select * from casualty
                where id <> :id and deleted_at is null and merged_into is null
                  and name_keys && cast(:keys as text[])
                limit :blockLimit""", Casualty.class)
                .setParameter("blockLimit", BLOCK_LIMIT)
                .setParameter("id", record.id)
                .setParameter("keys", blockingKeys)
                .getResultList();
        CasualtyInput subject = mapper.record(record);
        List<Candidate> candidates = new ArrayList<>();
        for (Casualty other : block) {
            Candidate candidate = PairScore.of(PairScore.Person.of(record, subject), PairScore.Person.of(other, mapper.record(other)));
            if (candidate != null && candidate.score() >= minScore) {
                candidates.add(candidate);
            }
        }
        candidates.sort(Comparator.comparingDouble(Candidate::score).reversed());
        return candidates.subList(0, Math.min(limit, candidates.size()));
    }

    /** Candidate pairs among the records of one incident (each pair once). */
    public List<Candidate> inIncident(UUID incident, double minScore, int limit) {
        List<Casualty> records = Casualty.list("incidentId = ?1 and deletedAt is null and mergedInto is null order by createdAt",
                incident);
        Set<String> seen = new HashSet<>();
        List<Candidate> pairs = new ArrayList<>();
        for (Casualty record : records) {
            for (Candidate candidate : of(record, minScore, limit)) {
                String pair = min(candidate.recordId(), candidate.candidateId()) + "/" + max(candidate.recordId(), candidate.candidateId());
                if (seen.add(pair)) {
                    pairs.add(candidate);
                }
            }
        }
        pairs.sort(Comparator.comparingDouble(Candidate::score).reversed());
        return pairs.subList(0, Math.min(limit, pairs.size()));
    }

    private static UUID min(UUID a, UUID b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static UUID max(UUID a, UUID b) {
        return a.compareTo(b) <= 0 ? b : a;
    }
}
