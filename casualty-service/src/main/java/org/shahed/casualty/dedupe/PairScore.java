package org.shahed.casualty.dedupe;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import org.apache.commons.text.similarity.LevenshteinDistance;
import org.shahed.casualty.dedupe.NameParts.Sound;
import org.shahed.casualty.dedupe.NameReadings.Reading;
import org.shahed.casualty.record.Casualty;
import org.shahed.casualty.record.CasualtyInput;
import org.shahed.casualty.record.CasualtyInput.Sex;

/**
 * How likely two records describe the same person, in the form of Fellegi–Sunter record linkage: each field is
 * compared to an agreement level, each level has a weight, and the weights add up to the log2 odds that the two are
 * one person; the score is that probability. The weights are learnt from labelled pairs ({@code
 * dedupe/weights.properties}, fitted by {@code DedupeEvaluation} on a synthetic tuning set) all together, by
 * logistic regression, rather than each as a separate m/u ratio: fields that agree together between siblings
 * (father, family, date, place, incident) would otherwise count as independent evidence. A missing value weighs
 * nothing: it neither rewards nor punishes. A known different sex rules a pair out. The reasons name what agreed.
 * A pure rule: it reads only the two records' facts, so it is tested without the service.
 */
public final class PairScore {
    private static final LevenshteinDistance ONE_EDIT = new LevenshteinDistance(1);

    /** The fields compared, each with the reason it gives when it speaks for the match. */
    public enum Field {
        GIVEN("given name", Level.NAME), FATHER("father's name", Level.NAME), FAMILY("family name", Level.NAME),
        MOTHER("mother's name", Level.NAME), SEX("sex", Level.SAME), AGE("age", Level.SAME, Level.NEAR, Level.FAR),
        DATE("date of death", Level.SAME, Level.NEAR, Level.FAR), PLACE("place", Level.SAME, Level.REGION, Level.DIFFERENT),
        INCIDENT("same incident", Level.SAME, Level.DIFFERENT);

        final String reason;
        /** The levels the field is compared at (a missing value is none of them, and weighs nothing). */
        public final List<Level> levels;

        Field(String reason, Level... levels) {
            this.reason = reason;
            this.levels = List.of(levels);
        }

        Field(String reason, List<Level> levels) {
            this.reason = reason;
            this.levels = levels;
        }
    }

    /** Agreement levels; which ones a field has is in its comparison below. */
    public enum Level {
        EXACT, VOWELS, TYPO, SAME, NEAR, FAR, REGION, DIFFERENT;

        static final List<Level> NAME = List.of(EXACT, VOWELS, TYPO, DIFFERENT);
    }

    /** The facts of one record that scoring reads. */
    public record Person(UUID id, NameReadings names, Sex sex, Integer ageYears, UUID incidentId, LocalDate eventDate,
            String[] adminPcodes) {

        public static Person of(Casualty record, CasualtyInput facts) {
            return new Person(record.id, NameReadings.of(facts.names()), facts.sex(),
                    facts.age() == null ? null : facts.age().years(), record.incidentId, record.eventDate, record.adminPcodes);
        }
    }

    /** The level each field agrees at; a field either record lacks is absent. */
    public record Comparison(Map<Field, Level> levels) {
    }

    private static final Weights WEIGHTS = Weights.load();

    private PairScore() {
    }

    /** The candidate {@code b} for {@code a} with its score and reasons, or null when the two cannot be one person. */
    public static Candidate of(Person a, Person b) {
        Comparison comparison = compare(a, b);
        if (comparison == null) {
            return null;
        }
        double logOdds = WEIGHTS.prior;
        List<String> reasons = new ArrayList<>();
        for (Map.Entry<Field, Level> level : comparison.levels().entrySet()) {
            logOdds += WEIGHTS.of(level.getKey(), level.getValue());
            if (level.getValue() == Level.EXACT || level.getValue() == Level.SAME || level.getValue() == Level.NEAR) {
                reasons.add(level.getKey().reason);
            }
        }
        double probability = 1 / (1 + Math.pow(2, -logOdds));
        return new Candidate(a.id(), b.id(), Math.round(probability * 1000) / 1000.0, reasons);
    }

    /** The agreement of two records field by field, or null when a known different sex rules the pair out. */
    public static Comparison compare(Person a, Person b) {
        if (a.sex() != null && b.sex() != null && a.sex() != Sex.UNKNOWN && b.sex() != Sex.UNKNOWN && a.sex() != b.sex()) {
            return null;
        }
        Map<Field, Level> levels = new EnumMap<>(Field.class);
        bestReadings(a.names(), b.names(), levels);
        put(levels, Field.MOTHER, name(a.names().mother(), b.names().mother()));
        if (a.sex() == b.sex() && a.sex() != null && a.sex() != Sex.UNKNOWN) {
            levels.put(Field.SEX, Level.SAME);
        }
        if (a.ageYears() != null && b.ageYears() != null) {
            int gap = Math.abs(a.ageYears() - b.ageYears());
            levels.put(Field.AGE, gap <= 1 ? Level.SAME : gap <= 3 ? Level.NEAR : Level.FAR);
        }
        if (a.eventDate() != null && b.eventDate() != null) {
            long days = Math.abs(ChronoUnit.DAYS.between(a.eventDate(), b.eventDate()));
            levels.put(Field.DATE, days == 0 ? Level.SAME : days <= 2 ? Level.NEAR : Level.FAR);
        }
        if (a.adminPcodes() != null && b.adminPcodes() != null && a.adminPcodes().length > 0 && b.adminPcodes().length > 0) {
            String left = a.adminPcodes()[a.adminPcodes().length - 1];
            String right = b.adminPcodes()[b.adminPcodes().length - 1];
            levels.put(Field.PLACE, left.equals(right) ? Level.SAME
                    : left.regionMatches(0, right, 0, 4) ? Level.REGION : Level.DIFFERENT);
        }
        if (a.incidentId() != null && b.incidentId() != null) {
            levels.put(Field.INCIDENT, a.incidentId().equals(b.incidentId()) ? Level.SAME : Level.DIFFERENT);
        }
        return new Comparison(levels);
    }

    /** The given, father's and family name levels of the two readings that weigh most together. */
    private static void bestReadings(NameReadings a, NameReadings b, Map<Field, Level> levels) {
        double best = Double.NEGATIVE_INFINITY;
        Level[] bestLevels = null;
        for (Reading left : a.readings()) {
            for (Reading right : b.readings()) {
                Level[] pair = { name(left.given(), right.given()), name(left.father(), right.father()),
                        name(left.family(), right.family()) };
                double weight = WEIGHTS.of(Field.GIVEN, pair[0]) + WEIGHTS.of(Field.FATHER, pair[1])
                        + WEIGHTS.of(Field.FAMILY, pair[2]);
                if (weight > best) {
                    best = weight;
                    bestLevels = pair;
                }
            }
        }
        if (bestLevels != null) {
            put(levels, Field.GIVEN, bestLevels[0]);
            put(levels, Field.FATHER, bestLevels[1]);
            put(levels, Field.FAMILY, bestLevels[2]);
        }
    }

    /**
     * Two name parts: the same sound (EXACT), the same consonants with vowels no spelling explains (VOWELS:
     * Mohammad and Mahmoud), one consonant apart (TYPO), or DIFFERENT; null when either is missing.
     */
    static Level name(Sound a, Sound b) {
        if (a == null || b == null) {
            return null;
        }
        if (a.consonants().equals(b.consonants())) {
            return a.vowelsAgree(b) ? Level.EXACT : Level.VOWELS;
        }
        if (Math.min(a.consonants().length(), b.consonants().length()) >= 3
                && ONE_EDIT.apply(a.consonants(), b.consonants()) == 1) {
            return Level.TYPO;
        }
        return Level.DIFFERENT;
    }

    private static void put(Map<Field, Level> levels, Field field, Level level) {
        if (level != null) {
            levels.put(field, level);
        }
    }

    /** The learnt weights: log2(m/u) per field and level, and the log-odds of a match before any field is read. */
    static final class Weights {
        final double prior;
        private final Map<Field, Map<Level, Double>> weights = new EnumMap<>(Field.class);

        private Weights(Properties properties) {
            prior = Double.parseDouble(properties.getProperty("prior"));
            for (String key : properties.stringPropertyNames()) {
                if (!key.equals("prior")) {
                    String[] fieldAndLevel = key.split("\\.");
                    weights.computeIfAbsent(Field.valueOf(fieldAndLevel[0]), f -> new EnumMap<>(Level.class))
                            .put(Level.valueOf(fieldAndLevel[1]), Double.parseDouble(properties.getProperty(key)));
                }
            }
        }

        double of(Field field, Level level) {
            if (level == null) {
                return 0;
            }
            Double weight = weights.getOrDefault(field, Map.of()).get(level);
            if (weight == null) {
                throw new IllegalStateException("dedupe/weights.properties has no weight for " + field + "." + level);
            }
            return weight;
        }

        static Weights load() {
            Properties properties = new Properties();
            try (InputStream in = PairScore.class.getResourceAsStream("/dedupe/weights.properties")) {
                if (in == null) {
                    throw new IllegalStateException("dedupe/weights.properties is missing from the classpath");
                }
                properties.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return new Weights(properties);
        }
    }
}
