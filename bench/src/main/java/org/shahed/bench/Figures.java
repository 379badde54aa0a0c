package org.shahed.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What every benchmark reads from answers and makes of its timings, and the table of results it adds to. */
final class Figures {
    /** One line of the results table: a path, the suite's figure and the raw component's, their ratio, the goal. */
    record Result(String path, String suite, String raw, double ratio, String goal, boolean met) {
    }

    private static final List<Result> RESULTS = new ArrayList<>();

    private Figures() {
    }

    /** Adds a line to the table printed at the end of the run. */
    static synchronized void result(String path, String suite, String raw, double ratio, String goal, boolean met) {
        RESULTS.add(new Result(path, suite, raw, ratio, goal, met));
    }

    static synchronized void clearResults() {
        RESULTS.clear();
    }

    /** The results of this run as a Markdown table, as bench/README.md keeps it. */
    static synchronized void printResults(PrintStream out) {
        out.println();
        out.println("| path | the suite | raw component, same run | ratio | goal | met |");
        out.println("|---|---|---|---|---|---|");
        for (Result r : RESULTS) {
            out.printf("| %s | %s | %s | %s | %s | %s |%n", r.path(), r.suite(), r.raw(),
                    Double.isNaN(r.ratio()) ? "" : String.format("%.2f", r.ratio()), r.goal(), r.met() ? "yes" : "**no**");
        }
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
