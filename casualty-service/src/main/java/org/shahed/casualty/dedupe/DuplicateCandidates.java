package org.shahed.casualty.dedupe;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import org.apache.commons.text.similarity.JaroWinklerSimilarity;
import org.shahed.casualty.record.Casualty;
import org.shahed.casualty.record.CasualtyInput;
import org.shahed.casualty.record.CasualtyMapper;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

/**
 * Finds records that may describe the same person. Blocking keeps it fast at a million records: only records that
 * share a normalised or phonetic name key (GIN index) are compared. Each pair is scored on names (both scripts),
 * father's name, sex, age, date and place of death, and incident; a known different sex rules a pair out.
 */
@ApplicationScoped
public class DuplicateCandidates {
    public static final double DEFAULT_MIN_SCORE = 0.75;
    private static final int BLOCK_LIMIT = 500;
    private static final JaroWinklerSimilarity JARO_WINKLER = new JaroWinklerSimilarity();

    @Inject
    EntityManager entityManager;
    @Inject
    CasualtyMapper mapper;

    public List<Candidate> of(Casualty record, double minScore, int limit) {
        if (record.nameKeys.length == 0) {
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
                .setParameter("keys", record.nameKeys)
                .getResultList();
        CasualtyInput subject = mapper.record(record);
        List<Candidate> candidates = new ArrayList<>();
        for (Casualty other : block) {
            Candidate candidate = score(record, subject, other, mapper.record(other));
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

    private Candidate score(Casualty a, CasualtyInput left, Casualty b, CasualtyInput right) {
        List<String> reasons = new ArrayList<>();
        if (left.sex() != CasualtyInput.Sex.UNKNOWN && right.sex() != CasualtyInput.Sex.UNKNOWN
                && left.sex() != right.sex()) {
            return null;
        }
        double names = nameSimilarity(left.names(), right.names(), a.nameKeys, b.nameKeys);
        double score = 0.55 * names;
        if (names >= 0.85) {
            reasons.add("names");
        }
        String leftFather = left.names() == null ? null : left.names().fatherName();
        String rightFather = right.names() == null ? null : right.names().fatherName();
        if (leftFather != null && rightFather != null) {
            double father = JARO_WINKLER.apply(NameKeys.normalise(leftFather), NameKeys.normalise(rightFather));
            score += 0.10 * father;
            if (father >= 0.9) {
                reasons.add("father's name");
            }
        } else {
            score += 0.05;
        }
        if (left.sex() == right.sex() && left.sex() != CasualtyInput.Sex.UNKNOWN) {
            score += 0.05;
            reasons.add("sex");
        }
        Integer leftAge = left.age() == null ? null : left.age().years();
        Integer rightAge = right.age() == null ? null : right.age().years();
        if (leftAge != null && rightAge != null) {
            int gap = Math.abs(leftAge - rightAge);
            score += gap <= 1 ? 0.10 : gap <= 3 ? 0.05 : -0.15;
            if (gap <= 1) {
                reasons.add("age");
            }
        } else {
            score += 0.04;
        }
        if (a.incidentId != null && a.incidentId.equals(b.incidentId)) {
            score += 0.10;
            reasons.add("same incident");
        } else if (a.eventDate != null && a.eventDate.equals(b.eventDate)) {
            score += 0.07;
            reasons.add("same date");
        }
        if (a.adminPcodes.length > 0 && b.adminPcodes.length > 0
                && a.adminPcodes[a.adminPcodes.length - 1].equals(b.adminPcodes[b.adminPcodes.length - 1])) {
            score += 0.05;
            reasons.add("same place");
        }
        return new Candidate(a.id, b.id, Math.max(0, Math.min(1, Math.round(score * 1000) / 1000.0)), reasons);
    }

    /** The best agreement of the two records' names in the same script, or of their phonetic keys across scripts. */
    private static double nameSimilarity(CasualtyInput.Names left, CasualtyInput.Names right, String[] leftKeys,
            String[] rightKeys) {
        double best = 0;
        if (left != null && right != null) {
            best = Math.max(best, similarity(left.fullNameLatin(), right.fullNameLatin()));
            best = Math.max(best, similarity(left.fullNameAr(), right.fullNameAr()));
            best = Math.max(best, similarity(join(left.givenName(), left.familyName()), join(right.givenName(), right.familyName())));
        }
        Set<String> shared = new HashSet<>(List.of(leftKeys));
        shared.retainAll(Set.of(rightKeys));
        Set<String> all = new HashSet<>(List.of(leftKeys));
        all.addAll(List.of(rightKeys));
        long sharedWords = shared.stream().filter(k -> k.startsWith("n:")).count();
        double phonetic = all.isEmpty() ? 0 : (double) shared.stream().filter(k -> k.startsWith("p:")).count()
                / Math.max(1, Math.min(count(leftKeys), count(rightKeys)));
        return Math.max(best, Math.min(0.9, 0.6 * Math.min(1, phonetic) + 0.1 * sharedWords));
    }

    private static long count(String[] keys) {
        return Arrays.stream(keys).filter(k -> k.startsWith("p:")).count();
    }

    private static double similarity(String a, String b) {
        if (a == null || b == null) {
            return 0;
        }
        String left = NameKeys.normalise(a);
        String right = NameKeys.normalise(b);
        return left.isEmpty() || right.isEmpty() ? 0 : JARO_WINKLER.apply(left, right);
    }

    private static String join(String a, String b) {
        return a == null && b == null ? null : String.join(" ", Objects.toString(a, ""), Objects.toString(b, "")).trim();
    }

    private static UUID min(UUID a, UUID b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static UUID max(UUID a, UUID b) {
        return a.compareTo(b) <= 0 ? b : a;
    }
}
