package org.shahed.casualty.aggregate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The rule that keeps partners from learning a small count, whichever filters and groupings they ask for and
 * whatever answers they subtract from each other. It works on one table per set of dimensions, the dimensions a
 * question groups or filters by (a month range counts as the month), over every value of each: the same table,
 * suppressed the same way, whatever the filters' values.
 * <ol>
 * <li>Primary: a cell counting at least one record and fewer than the minimum is suppressed.</li>
 * <li>Complementary: for every set of the table's dimensions, each slab of cells that differ in those dimensions
 * only (a row or column, a plane, the whole table) never holds exactly one suppressed cell while another cell of it
 * is shown: the smallest shown cell is suppressed too. A slab's total is the answer of a question without those
 * dimensions, so that total minus the shown cells gives only a sum of at least two. Repeated until no slab needs
 * it.</li>
 * </ol>
 * An answer's cell is then a slice of the table (the filters' values) summed over what it does not group by (the
 * months of a range); it is suppressed when any table cell it sums is.
 */
final class SmallCellSuppression {
    /** One cell of a table: its value per dimension (in the table's order) and its count. */
    record Cell(List<String> key, long count) {
    }

    /** An answer's cell: its key (the grouped dimensions) and its count, or null when suppressed. */
    record Answer(Map<String, String> key, Long count) {
    }

    private SmallCellSuppression() {
    }

    /** Which cells of a table (dimension names in {@code dimensions}' order) are suppressed. */
    static boolean[] suppressed(List<Cell> table, int dimensions, long minimum) {
        boolean[] hidden = new boolean[table.size()];
        for (int i = 0; i < table.size(); i++) {
            long count = table.get(i).count();
            hidden[i] = count > 0 && count < minimum;
        }
        boolean changed = true;
        while (changed) {
            changed = false;
            // Each non-empty set of dimensions, as a bit mask: the slabs whose cells differ in those only.
            for (int varying = 1; varying < 1 << dimensions; varying++) {
                for (List<Integer> slab : slabs(table, dimensions, varying).values()) {
                    if (slab.stream().filter(i -> hidden[i]).count() != 1) {
                        continue;
                    }
                    Integer smallestShown = slab.stream().filter(i -> !hidden[i] && table.get(i).count() > 0)
                            .min(Comparator.comparingLong(i -> table.get(i).count())).orElse(null);
                    if (smallestShown != null) {
                        hidden[smallestShown] = true;
                        changed = true;
                    }
                }
            }
        }
        return hidden;
    }

    /** The cells of each slab whose cells differ only in the {@code varying} dimensions, keyed by the others. */
    private static Map<List<String>, List<Integer>> slabs(List<Cell> table, int dimensions, int varying) {
        Map<List<String>, List<Integer>> slabs = new HashMap<>();
        for (int i = 0; i < table.size(); i++) {
            List<String> fixed = new ArrayList<>();
            for (int d = 0; d < dimensions; d++) {
                if ((varying & 1 << d) == 0) {
                    fixed.add(table.get(i).key().get(d));
                }
            }
            slabs.computeIfAbsent(fixed, k -> new ArrayList<>()).add(i);
        }
        return slabs;
    }

    /**
     * The answer cut from a suppressed table: cells passing {@code slice}, summed by the {@code grouped}
     * dimensions (indexes into the table's, named by {@code names}), in the order of their first cell.
     */
    static List<Answer> answer(List<Cell> table, boolean[] hidden, List<String> names, List<Integer> grouped,
            Predicate<Cell> slice) {
        Map<List<String>, long[]> sums = new LinkedHashMap<>();
        for (int i = 0; i < table.size(); i++) {
            Cell cell = table.get(i);
            if (!slice.test(cell)) {
                continue;
            }
            List<String> key = grouped.stream().map(d -> cell.key().get(d)).toList();
            long[] sum = sums.computeIfAbsent(key, k -> new long[2]);
            sum[0] += cell.count();
            if (hidden[i]) {
                sum[1] = 1;
            }
        }
        List<Answer> answers = new ArrayList<>();
        sums.forEach((key, sum) -> {
            Map<String, String> named = new LinkedHashMap<>();
            for (int j = 0; j < grouped.size(); j++) {
                named.put(names.get(grouped.get(j)), key.get(j));
            }
            answers.add(new Answer(named, sum[1] == 1 ? null : sum[0]));
        });
        return answers;
    }
}
