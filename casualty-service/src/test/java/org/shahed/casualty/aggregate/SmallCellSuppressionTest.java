package org.shahed.casualty.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** The suppression rule on tables made here, without servers. */
class SmallCellSuppressionTest {
    private static SmallCellSuppression.Cell cell(long count, String... key) {
        return new SmallCellSuppression.Cell(List.of(key), count);
    }

    @Test
    void smallCountsAreSuppressedAndARowNeverHoldsASingleSuppressedCell() {
        // By sex: 35 women, 2 men. The total (37) minus the women would give the men: the women go too.
        List<SmallCellSuppression.Cell> bySex = List.of(cell(35, "female"), cell(2, "male"));
        assertThat(SmallCellSuppression.suppressed(bySex, 1, 5)).containsExactly(true, true);
        // Large enough everywhere: nothing suppressed.
        assertThat(SmallCellSuppression.suppressed(List.of(cell(35, "female"), cell(27, "male")), 1, 5))
                .containsExactly(false, false);
    }

    @Test
    void aPlaneWhoseRowsEachHoldOneCellIsProtectedToo() {
        // June in one governorate: 6 adult women and 1 boy. Each row and column holds a single cell, but the
        // month's total (7) minus the women (6) would give the boy: the plane hides both.
        List<SmallCellSuppression.Cell> table = List.of(
                cell(6, "2016-06", "female", "adult"), cell(1, "2016-06", "male", "child"));
        assertThat(SmallCellSuppression.suppressed(table, 3, 5)).containsExactly(true, true);
    }

    @Test
    void anAnswerSummingASuppressedCellIsSuppressed() {
        // June's 3 killed is suppressed, and with it (so that no row or column holds it alone) April's killed,
        // June's and April's injured; May stays.
        List<SmallCellSuppression.Cell> table = List.of(cell(30, "2016-04", "killed"), cell(40, "2016-05", "killed"),
                cell(3, "2016-06", "killed"), cell(20, "2016-04", "injured"), cell(12, "2016-05", "injured"),
                cell(50, "2016-06", "injured"));
        boolean[] hidden = SmallCellSuppression.suppressed(table, 2, 5);
        assertThat(hidden).containsExactly(true, false, true, true, false, true);
        // Killed, over the months: it sums suppressed cells, so it is suppressed.
        List<SmallCellSuppression.Answer> killed = SmallCellSuppression.answer(table, hidden, List.of("month", "outcome"),
                List.of(1), c -> c.key().get(1).equals("killed"));
        assertThat(killed).containsExactly(new SmallCellSuppression.Answer(Map.of("outcome", "killed"), null));
        // May alone, by outcome: shown as counted.
        List<SmallCellSuppression.Answer> may = SmallCellSuppression.answer(table, hidden, List.of("month", "outcome"),
                List.of(1), c -> c.key().get(0).equals("2016-05"));
        assertThat(may).extracting(SmallCellSuppression.Answer::count).containsExactly(40L, 12L);
    }

    @Test
    void noSlabOfARandomTableEverHoldsASingleSuppressedCellBesideShownOnes() {
        Random random = new Random(62);
        for (int round = 0; round < 200; round++) {
            int dimensions = 1 + random.nextInt(4);
            List<SmallCellSuppression.Cell> table = new ArrayList<>();
            for (int i = 0; i < 1 + random.nextInt(40); i++) {
                String[] key = new String[dimensions];
                for (int d = 0; d < dimensions; d++) {
                    key[d] = "v" + random.nextInt(3);
                }
                if (table.stream().noneMatch(c -> c.key().equals(List.of(key)))) {
                    table.add(cell(random.nextInt(4) == 0 ? 1 + random.nextInt(4) : random.nextInt(30), key));
                }
            }
            boolean[] hidden = SmallCellSuppression.suppressed(table, dimensions, 5);
            for (int i = 0; i < table.size(); i++) {
                long count = table.get(i).count();
                if (count > 0 && count < 5) {
                    assertThat(hidden[i]).as("a count below the minimum").isTrue();
                }
            }
            for (int varying = 1; varying < 1 << dimensions; varying++) {
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
                for (List<Integer> slab : slabs.values()) {
                    long suppressed = slab.stream().filter(i -> hidden[i]).count();
                    long shown = slab.stream().filter(i -> !hidden[i] && table.get(i).count() > 0).count();
                    assertThat(suppressed == 1 && shown > 0).as("a slab with one suppressed cell beside shown ones")
                            .isFalse();
                }
            }
        }
    }
}
