package org.shahed.casualty.dedupe;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import org.apache.commons.text.similarity.JaroWinklerSimilarity;
import org.shahed.casualty.record.Casualty;
import org.shahed.casualty.record.CasualtyInput;
import org.shahed.casualty.record.CasualtyInput.Names;
import org.shahed.casualty.record.CasualtyInput.Sex;

/**
 * How likely two records describe the same person: names (both scripts, and phonetic keys across them), father's
 * name, sex, age, incident or date of death, and place. A known different sex rules a pair out. A pure rule: it
 * reads only the two records' facts, so it is tested without the service.
 */
public final class PairScore {
    private static final JaroWinklerSimilarity JARO_WINKLER = new JaroWinklerSimilarity();

    /** The facts of one record that scoring reads. */
    public record Person(UUID id, Names names, Sex sex, Integer ageYears, String[] nameKeys, UUID incidentId,
            LocalDate eventDate, String[] adminPcodes) {

        public static Person of(Casualty record, CasualtyInput facts) {
            return new Person(record.id, facts.names(), facts.sex(), facts.age() == null ? null : facts.age().years(),
                    record.nameKeys, record.incidentId, record.eventDate, record.adminPcodes);
        }
    }

    private PairScore() {
    }

    /** The candidate {@code b} for {@code a} with its score and reasons, or null when the two cannot be one person. */
    public static Candidate of(Person a, Person b) {
        List<String> reasons = new ArrayList<>();
        if (a.sex() != Sex.UNKNOWN && b.sex() != Sex.UNKNOWN && a.sex() != b.sex()) {
            return null;
        }
        double names = nameSimilarity(a.names(), b.names(), a.nameKeys(), b.nameKeys());
        double score = 0.55 * names;
        if (names >= 0.85) {
            reasons.add("names");
        }
        String leftFather = a.names() == null ? null : a.names().fatherName();
        String rightFather = b.names() == null ? null : b.names().fatherName();
        if (leftFather != null && rightFather != null) {
            double father = JARO_WINKLER.apply(NameKeys.normalise(leftFather), NameKeys.normalise(rightFather));
            score += 0.10 * father;
            if (father >= 0.9) {
                reasons.add("father's name");
            }
        } else {
            score += 0.05;
        }
        if (a.sex() == b.sex() && a.sex() != Sex.UNKNOWN) {
            score += 0.05;
            reasons.add("sex");
        }
        if (a.ageYears() != null && b.ageYears() != null) {
            int gap = Math.abs(a.ageYears() - b.ageYears());
            score += gap <= 1 ? 0.10 : gap <= 3 ? 0.05 : -0.15;
            if (gap <= 1) {
                reasons.add("age");
            }
        } else {
            score += 0.04;
        }
        if (a.incidentId() != null && a.incidentId().equals(b.incidentId())) {
            score += 0.10;
            reasons.add("same incident");
        } else if (a.eventDate() != null && a.eventDate().equals(b.eventDate())) {
            score += 0.07;
            reasons.add("same date");
        }
        if (a.adminPcodes().length > 0 && b.adminPcodes().length > 0
                && a.adminPcodes()[a.adminPcodes().length - 1].equals(b.adminPcodes()[b.adminPcodes().length - 1])) {
            score += 0.05;
            reasons.add("same place");
        }
        return new Candidate(a.id(), b.id(), Math.max(0, Math.min(1, Math.round(score * 1000) / 1000.0)), reasons);
    }

    /** The best agreement of the two records' names in the same script, or of their phonetic keys across scripts. */
    private static double nameSimilarity(Names left, Names right, String[] leftKeys, String[] rightKeys) {
        double best = 0;
        if (left != null && right != null) {
            best = Math.max(best, similarity(left.fullNameLatin(), right.fullNameLatin()));
            best = Math.max(best, similarity(left.fullNameAr(), right.fullNameAr()));
            best = Math.max(best, similarity(join(left.givenName(), left.familyName()), join(right.givenName(), right.familyName())));
        }
        Set<String> shared = new HashSet<>(List.of(leftKeys));
        shared.retainAll(Arrays.asList(rightKeys));
        Set<String> all = new HashSet<>(List.of(leftKeys));
        all.addAll(List.of(rightKeys));
        long sharedWords = shared.stream().filter(k -> k.startsWith("n:")).count();
        double phonetic = all.isEmpty() ? 0 : (double) shared.stream().filter(k -> k.startsWith("p:")).count()
                / Math.max(1, Math.min(phoneticKeys(leftKeys), phoneticKeys(rightKeys)));
        return Math.max(best, Math.min(0.9, 0.6 * Math.min(1, phonetic) + 0.1 * sharedWords));
    }

    private static long phoneticKeys(String[] keys) {
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
}
