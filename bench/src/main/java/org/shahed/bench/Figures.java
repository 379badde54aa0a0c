package org.shahed.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What every benchmark reads from answers and makes of its timings. */
final class Figures {
    private Figures() {
    }

    /** The {@code percentile}th of the values (nearest rank); NaN when there are none. */
    static double percentile(List<Double> values, int percentile) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1));
    }

    /** A string field of a JSON answer (the first of that name), read without a parser. */
    static String field(String body, String name) {
        Matcher matcher = Pattern.compile("\"" + name + "\":\"([^\"]+)\"").matcher(body);
        if (!matcher.find()) {
            throw new IllegalStateException("no " + name + " in " + body);
        }
        return matcher.group(1);
    }
}
