package org.shahed.casualty.dedupe;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.shahed.casualty.dedupe.PairScore.Comparison;
import org.shahed.casualty.dedupe.PairScore.Field;
import org.shahed.casualty.dedupe.PairScore.Level;
import org.shahed.casualty.dedupe.PairScore.Person;
import org.shahed.casualty.dedupe.SyntheticVictims.Victim;

/**
 * De-duplication measured on labelled synthetic lists, in process: the blocking the service does (records sharing a
 * blocking key), then the score of each pair that reaches scoring. Also learns the weights from a tuning set
 * ({@link #main}: writes {@code dedupe/weights.properties}).
 */
public final class DedupeEvaluation {
    /** Seeds of the two sets: weights are learnt on the first, accuracy is judged on the second. */
    public static final long TUNING_SEED = 20160625L;
    public static final long EVALUATION_SEED = 20160626L;

    public record Result(long truePairs, long blockedTruePairs, long comparisons, long truePositives, long falsePositives,
            double threshold) {
        public double blockingRecall() {
            return truePairs == 0 ? 1 : (double) blockedTruePairs / truePairs;
        }

        public double precision() {
            return truePositives + falsePositives == 0 ? 1 : (double) truePositives / (truePositives + falsePositives);
        }

        public double recall() {
            return truePairs == 0 ? 1 : (double) truePositives / truePairs;
        }

        public double f1() {
            return 2 * precision() * recall() / (precision() + recall());
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "pairs %d, blocking recall %.4f, comparisons %d, at %.2f: precision %.4f recall %.4f F1 %.4f",
                    truePairs, blockingRecall(), comparisons, threshold, precision(), recall(), f1());
        }
    }

    /** A pair that reached scoring, with whether it is one person. */
    public record ScoredPair(Victim a, Victim b, Comparison comparison, boolean match) {
    }

    private DedupeEvaluation() {
    }

    public static Result evaluate(List<Victim> victims, double threshold) {
        List<Person> persons = persons(victims);
        long truePositives = 0;
        long falsePositives = 0;
        long blockedTrue = 0;
        List<int[]> pairs = blockedPairs(victims);
        for (int[] pair : pairs) {
            boolean match = victims.get(pair[0]).person() == victims.get(pair[1]).person();
            blockedTrue += match ? 1 : 0;
            Candidate candidate = PairScore.of(persons.get(pair[0]), persons.get(pair[1]));
            if (candidate != null && candidate.score() >= threshold) {
                if (match) {
                    truePositives++;
                } else {
                    falsePositives++;
                }
            }
        }
        return new Result(truePairs(victims), blockedTrue, pairs.size(), truePositives, falsePositives, threshold);
    }

    /** Each pair of records sharing a blocking key, once. */
    public static List<int[]> blockedPairs(List<Victim> victims) {
        Map<String, List<Integer>> blocks = new HashMap<>();
        for (int i = 0; i < victims.size(); i++) {
            for (String key : NameReadings.of(victims.get(i).names()).blockingKeys()) {
                blocks.computeIfAbsent(key, k -> new ArrayList<>()).add(i);
            }
        }
        Set<Long> seen = new HashSet<>();
        List<int[]> pairs = new ArrayList<>();
        for (List<Integer> block : blocks.values()) {
            for (int x = 0; x < block.size(); x++) {
                for (int y = x + 1; y < block.size(); y++) {
                    int a = Math.min(block.get(x), block.get(y));
                    int b = Math.max(block.get(x), block.get(y));
                    if (seen.add((long) a << 32 | b)) {
                        pairs.add(new int[] { a, b });
                    }
                }
            }
        }
        return pairs;
    }

    public static List<Person> persons(List<Victim> victims) {
        List<Person> persons = new ArrayList<>(victims.size());
        for (Victim victim : victims) {
            persons.add(new Person(UUID.randomUUID(), NameReadings.of(victim.names()), victim.sex(), victim.age(),
                    victim.incident(), victim.date(), victim.pcodes()));
        }
        return persons;
    }

    static long truePairs(List<Victim> victims) {
        Map<Integer, Integer> perPerson = new HashMap<>();
        for (Victim victim : victims) {
            perPerson.merge(victim.person(), 1, Integer::sum);
        }
        return perPerson.values().stream().mapToLong(n -> (long) n * (n - 1) / 2).sum();
    }

    /**
     * Learns the weights from the tuning set, by logistic regression over the pairs blocking lets through: one
     * weight per field and level, fitted together, so that fields that move together (siblings share father, family,
     * date, place and incident) are not counted as independent evidence, as separately estimated m/u ratios would
     * count them. The result keeps the Fellegi–Sunter form: a sum of per-level weights (log2 odds), a missing value
     * weighing nothing. Run twice: the reading pair chosen for names depends on the weights.
     */
    public static void main(String[] args) throws IOException {
        Path target = Path.of(args.length > 0 ? args[0] : "casualty-service/src/main/resources/dedupe/weights.properties");
        List<Victim> victims = new SyntheticVictims(TUNING_SEED).generate(20_000);
        List<Person> persons = persons(victims);
        List<Field> fields = List.of(Field.values());
        // Pairs with the same levels are one row with counts: a few thousand rows instead of millions of pairs.
        Map<List<Level>, long[]> patterns = new HashMap<>();
        long matches = 0;
        long others = 0;
        for (int[] pair : blockedPairs(victims)) {
            Comparison comparison = PairScore.compare(persons.get(pair[0]), persons.get(pair[1]));
            if (comparison == null) {
                continue;
            }
            boolean match = victims.get(pair[0]).person() == victims.get(pair[1]).person();
            matches += match ? 1 : 0;
            others += match ? 0 : 1;
            List<Level> pattern = new ArrayList<>();
            for (Field field : fields) {
                pattern.add(comparison.levels().get(field));
            }
            patterns.computeIfAbsent(pattern, p -> new long[2])[match ? 0 : 1]++;
        }
        List<String> names = new ArrayList<>();
        names.add("prior");
        for (Field field : fields) {
            for (Level level : field.levels) {
                names.add(field + "." + level);
            }
        }
        double[] weights = fit(patterns, fields, names.size());
        try (Writer out = Files.newBufferedWriter(target, StandardCharsets.UTF_8)) {
            out.write("# Match weights (log2 odds) per field and level, and the log2 odds of a match among blocked pairs\n");
            out.write("# before any field is read, fitted by DedupeEvaluation.main (logistic regression) on the synthetic\n");
            out.write("# tuning set (seed " + TUNING_SEED + "): " + matches + " matching and " + others
                    + " other pairs. Do not edit by hand; run it again.\n");
            for (int i = 0; i < names.size(); i++) {
                out.write(String.format(Locale.ROOT, "%s=%.3f%n", names.get(i), weights[i] / Math.log(2)));
            }
        }
        System.out.println("weights written to " + target);
        System.out.println("tuning set: " + evaluate(victims, DuplicateCandidates.DEFAULT_MIN_SCORE));
        System.out.println("evaluation set: " + evaluate(new SyntheticVictims(EVALUATION_SEED).generate(20_000),
                DuplicateCandidates.DEFAULT_MIN_SCORE));
    }

    /** Newton's method on the log-likelihood, with a small ridge so that a level never seen stays near zero. */
    private static double[] fit(Map<List<Level>, long[]> patterns, List<Field> fields, int size) {
        double ridge = 1.0;
        double[] w = new double[size];
        for (int iteration = 0; iteration < 25; iteration++) {
            double[] gradient = new double[size];
            double[][] hessian = new double[size][size];
            for (Map.Entry<List<Level>, long[]> row : patterns.entrySet()) {
                int[] active = active(row.getKey(), fields);
                double z = 0;
                for (int index : active) {
                    z += w[index];
                }
                double p = 1 / (1 + Math.exp(-z));
                long yes = row.getValue()[0];
                long total = yes + row.getValue()[1];
                double residual = yes - total * p;
                double curvature = total * p * (1 - p);
                for (int a : active) {
                    gradient[a] += residual;
                    for (int b : active) {
                        hessian[a][b] += curvature;
                    }
                }
            }
            for (int i = 0; i < size; i++) {
                gradient[i] -= ridge * w[i];
                hessian[i][i] += ridge;
            }
            double[] step = solve(hessian, gradient);
            double largest = 0;
            for (int i = 0; i < size; i++) {
                w[i] += step[i];
                largest = Math.max(largest, Math.abs(step[i]));
            }
            if (largest < 1e-6) {
                break;
            }
        }
        return w;
    }

    /** Indices of the weights a pattern switches on: the prior, and each present field's level. */
    private static int[] active(List<Level> pattern, List<Field> fields) {
        List<Integer> active = new ArrayList<>();
        active.add(0);
        int offset = 1;
        for (int f = 0; f < fields.size(); f++) {
            Level level = pattern.get(f);
            if (level != null) {
                active.add(offset + fields.get(f).levels.indexOf(level));
            }
            offset += fields.get(f).levels.size();
        }
        return active.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Gaussian elimination with partial pivoting (the matrix is small, symmetric and positive definite). */
    private static double[] solve(double[][] matrix, double[] vector) {
        int n = vector.length;
        double[][] a = new double[n][];
        double[] b = vector.clone();
        for (int i = 0; i < n; i++) {
            a[i] = matrix[i].clone();
        }
        for (int column = 0; column < n; column++) {
            int pivot = column;
            for (int row = column + 1; row < n; row++) {
                if (Math.abs(a[row][column]) > Math.abs(a[pivot][column])) {
                    pivot = row;
                }
            }
            double[] swapRow = a[column];
            a[column] = a[pivot];
            a[pivot] = swapRow;
            double swap = b[column];
            b[column] = b[pivot];
            b[pivot] = swap;
            for (int row = column + 1; row < n; row++) {
                double factor = a[row][column] / a[column][column];
                b[row] -= factor * b[column];
                for (int k = column; k < n; k++) {
                    a[row][k] -= factor * a[column][k];
                }
            }
        }
        double[] x = new double[n];
        for (int row = n - 1; row >= 0; row--) {
            double sum = b[row];
            for (int k = row + 1; k < n; k++) {
                sum -= a[row][k] * x[k];
            }
            x[row] = sum / a[row][row];
        }
        return x;
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}
