package org.shahed.casualty.dedupe;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.shahed.casualty.record.Casualty;
import org.shahed.casualty.record.CasualtyInput;
import org.shahed.casualty.record.CasualtyMapper;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

/**
 * Finds records that may describe the same person. Blocking keeps it fast at a million records: only records that
 * share a script-independent blocking key ({@link NameReadings#blockingKeys()}, GIN index) are compared, and each
 * pair is scored by {@link PairScore}. Reviewers' decisions are applied: a pair decided different is not proposed,
 * a pair decided same is proposed with its decision until it is merged.
 */
@ApplicationScoped
public class DuplicateCandidates {
    public static final double DEFAULT_MIN_SCORE = 0.75;
    /** Below this, two records linked through others are flagged as a conflict of their group. */
    static final double CONFLICT_BELOW = 0.25;
    private static final int BLOCK_LIMIT = 500;

    @Inject
    EntityManager entityManager;
    @Inject
    CasualtyMapper mapper;
    @Inject
    DuplicateDecisions decisions;

    @Schema(name = "DuplicateCluster", description = "Records linked by likely or confirmed pairs: probably one person")
    public record Cluster(
            @Schema(description = "The records of the group") List<UUID> recordIds,
            @Schema(description = "The pairs that link them") List<Candidate> pairs,
            @Schema(description = "Pairs of the group that are not one person by score or by a reviewer's decision "
                    + "(A≈B and B≈C, but A≠C): the group needs a reviewer before any merge") List<Conflict> conflicts) {
    }

    @Schema(name = "DuplicateConflict")
    public record Conflict(UUID recordId, UUID otherId,
            @Schema(description = "decided-different, or unlikely (score below " + CONFLICT_BELOW + ")") String why,
            @Schema(description = "Their score; absent when their facts rule them out (a different sex)") Double score) {
    }

    public List<Candidate> of(Casualty record, double minScore, int limit) {
        List<Candidate> candidates = scored(record, minScore, decisions.among(List.of(record.id)));
        return candidates.subList(0, Math.min(limit, candidates.size()));
    }

    /** Candidate pairs among the records of one incident (each pair once), all or only those not decided yet. */
    public List<Candidate> inIncident(UUID incident, double minScore, int limit, boolean undecidedOnly) {
        List<Candidate> pairs = pairsInIncident(incident, minScore);
        if (undecidedOnly) {
            pairs.removeIf(pair -> pair.decision() != null);
        }
        return pairs.subList(0, Math.min(limit, pairs.size()));
    }

    /**
     * Groups of an incident's records linked by pairs at or above minScore or decided same, each with the pairs
     * inside it that speak against the group. Transitive groups are what a merge acts on; a conflict is a reason not
     * to merge the group in one step.
     */
    public List<Cluster> clusters(UUID incident, double minScore) {
        List<Candidate> pairs = pairsInIncident(incident, minScore);
        Map<UUID, UUID> parent = new HashMap<>();
        for (Candidate pair : pairs) {
            parent.put(root(parent, pair.recordId()), root(parent, pair.candidateId()));
        }
        Map<UUID, List<UUID>> groups = new LinkedHashMap<>();
        for (UUID id : new ArrayList<>(parent.keySet())) {
            groups.computeIfAbsent(root(parent, id), r -> new ArrayList<>()).add(id);
        }
        List<UUID> all = groups.values().stream().flatMap(List::stream).toList();
        if (all.isEmpty()) {
            return List.of();
        }
        Map<String, String> decided = decisions.among(all);
        Map<UUID, PairScore.Person> people = new HashMap<>();
        for (Casualty record : Casualty.<Casualty>list("id in ?1", all)) {
            people.put(record.id, PairScore.Person.of(record, mapper.record(record)));
        }
        List<Cluster> clusters = new ArrayList<>();
        for (List<UUID> members : groups.values()) {
            members.sort(Comparator.naturalOrder());
            Set<UUID> inGroup = new HashSet<>(members);
            List<Candidate> links = pairs.stream().filter(pair -> inGroup.contains(pair.recordId())).toList();
            List<Conflict> conflicts = new ArrayList<>();
            for (int i = 0; i < members.size(); i++) {
                for (int j = i + 1; j < members.size(); j++) {
                    UUID a = members.get(i);
                    UUID b = members.get(j);
                    if (DuplicateDecision.DIFFERENT.equals(decided.get(DuplicateDecisions.pair(a, b)))) {
                        conflicts.add(new Conflict(a, b, "decided-different", null));
                        continue;
                    }
                    Candidate scored = PairScore.of(people.get(a), people.get(b));
                    if (scored == null || scored.score() < CONFLICT_BELOW) {
                        conflicts.add(new Conflict(a, b, "unlikely", scored == null ? null : scored.score()));
                    }
                }
            }
            clusters.add(new Cluster(members, links, conflicts));
        }
        clusters.sort(Comparator.comparingInt((Cluster c) -> c.recordIds().size()).reversed());
        return clusters;
    }

    private List<Candidate> pairsInIncident(UUID incident, double minScore) {
        List<Casualty> records = Casualty.list("incidentId = ?1 and deletedAt is null and mergedInto is null order by createdAt",
                incident);
        Map<String, String> decided = decisions.among(records.stream().map(record -> record.id).toList());
        Set<String> seen = new HashSet<>();
        List<Candidate> pairs = new ArrayList<>();
        for (Casualty record : records) {
            for (Candidate candidate : scored(record, minScore, decided)) {
                if (seen.add(DuplicateDecisions.pair(candidate.recordId(), candidate.candidateId()))) {
                    pairs.add(candidate);
                }
            }
        }
        pairs.sort(Comparator.comparingDouble(Candidate::score).reversed());
        return pairs;
    }

    /** The record's candidates at or above minScore, best first, with the decisions taken on them applied. */
    private List<Candidate> scored(Casualty record, double minScore, Map<String, String> decided) {
        String[] blockingKeys = Arrays.stream(record.nameKeys).filter(key -> key.startsWith("b:")).toArray(String[]::new);
        if (blockingKeys.length == 0) {
            return new ArrayList<>();
        }
        // Only what scoring reads: the whole document of a few hundred rows cost most of the time.
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                select id, incident_id, event_date, admin_pcodes, sex, age_years, cast(coalesce(match_names, document -> 'names') as text)
                from casualty
                where id <> :id and deleted_at is null and merged_into is null
                  and name_keys && cast(:keys as text[])
                limit :blockLimit""")
                .setParameter("blockLimit", BLOCK_LIMIT)
                .setParameter("id", record.id)
                .setParameter("keys", blockingKeys)
                .getResultList();
        List<PairScore.Person> block = new ArrayList<>();
        Set<UUID> inBlock = new HashSet<>();
        for (Object[] row : rows) {
            PairScore.Person person = person(row);
            block.add(person);
            inBlock.add(person.id());
        }
        // A pair a reviewer confirmed stays proposed until merged, even when its names share no key.
        for (Map.Entry<String, String> decision : decided.entrySet()) {
            String[] pair = decision.getKey().split("/");
            boolean ofThisRecord = pair[0].equals(record.id.toString()) || pair[1].equals(record.id.toString());
            if (ofThisRecord && DuplicateDecision.SAME.equals(decision.getValue())) {
                UUID other = UUID.fromString(pair[0].equals(record.id.toString()) ? pair[1] : pair[0]);
                Casualty confirmed = Casualty.findById(other);
                if (!inBlock.contains(other) && confirmed != null && !confirmed.isDeleted() && confirmed.mergedInto == null) {
                    block.add(PairScore.Person.of(confirmed, mapper.record(confirmed)));
                }
            }
        }
        PairScore.Person subject = PairScore.Person.of(record, mapper.record(record));
        List<Candidate> candidates = new ArrayList<>();
        for (PairScore.Person other : block) {
            String decision = decided.get(DuplicateDecisions.pair(record.id, other.id()));
            if (DuplicateDecision.DIFFERENT.equals(decision)) {
                continue;
            }
            Candidate candidate = PairScore.of(subject, other);
            if (DuplicateDecision.SAME.equals(decision)) {
                candidates.add(candidate == null ? new Candidate(record.id, other.id(), 0, List.of(), decision)
                        : candidate.decided(decision));
            } else if (candidate != null && candidate.score() >= minScore) {
                candidates.add(candidate);
            }
        }
        candidates.sort(Comparator.comparingDouble(Candidate::score).reversed());
        return candidates;
    }

    /** A row of the block query as scoring reads it. */
    private PairScore.Person person(Object[] row) {
        String sex = (String) row[4];
        Integer age = row[5] == null ? null : ((Number) row[5]).intValue();
        LocalDate date = row[2] == null ? null : row[2] instanceof java.sql.Date sql ? sql.toLocalDate() : (LocalDate) row[2];
        return new PairScore.Person((UUID) row[0], NameReadings.of(mapper.read((String) row[6], CasualtyInput.Names.class)),
                sex == null ? null : CasualtyInput.Sex.valueOf(sex.toUpperCase(java.util.Locale.ROOT)), age, (UUID) row[1],
                date, strings(row[3]));
    }

    private static String[] strings(Object array) {
        if (array == null) {
            return new String[0];
        }
        if (array instanceof String[] strings) {
            return strings;
        }
        Object[] values = (Object[]) array;
        return Arrays.stream(values).map(String::valueOf).toArray(String[]::new);
    }

    private static UUID root(Map<UUID, UUID> parent, UUID id) {
        UUID at = id;
        while (parent.containsKey(at) && !parent.get(at).equals(at)) {
            at = parent.get(at);
        }
        parent.putIfAbsent(at, at);
        return at;
    }
}
