package org.shahed.platform.web;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

/**
 * A streamed CSV download (RFC 4180, UTF-8): the header row, optionally the HXL hashtag row that humanitarian
 * tools read, then the rows as the caller produces them, written as they come (nothing is held in memory). A text
 * cell that a spreadsheet would run as a formula (starting with {@code = + - @}, a tab or a carriage return) is
 * written with a leading apostrophe, as OWASP's guidance on CSV injection advises: a name or title typed by anyone
 * never runs on a partner's machine.
 */
public final class CsvExport {
    private CsvExport() {
    }

    /** Produces the rows, handing each one (its values in column order) to the sink. */
    @FunctionalInterface
    public interface Rows {
        void writeEach(Consumer<List<?>> sink);
    }

    /** A text value as a spreadsheet will not evaluate it; other values (numbers, dates, ids) as they are. */
    static Object inert(Object value) {
        if (value instanceof CharSequence text && !text.isEmpty()) {
            char first = text.charAt(0);
            if (first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r') {
                return "'" + text;
            }
        }
        return value;
    }

    /**
     * The columns of a documented list such as {@code `id` #event+id, `reference` #meta+ref}: each column's name
     * in backticks and its HXL hashtag, in order. An export keeps its columns in one such constant, which its
     * OpenAPI description quotes, so the document and the file cannot drift apart.
     */
    public static String[][] columns(String documented) {
        Matcher column = Pattern.compile("`([a-z0-9_]+)` (#[a-z0-9_+]+)")
                .matcher(documented);
        List<String[]> found = new ArrayList<>();
        while (column.find()) {
            found.add(new String[] { column.group(1), column.group(2) });
        }
        if (found.isEmpty()) {
            throw new IllegalArgumentException("no columns in: " + documented);
        }
        return found.toArray(String[][]::new);
    }

    /** {@code columns[i]} is {name, HXL hashtag}. */
    public static Response response(String fileName, String[][] columns, boolean hxl, Rows rows) {
        StreamingOutput body = output -> {
            try (CSVPrinter csv = new CSVPrinter(new BufferedWriter(new OutputStreamWriter(output, StandardCharsets.UTF_8)),
                    CSVFormat.RFC4180)) {
                for (String[] column : columns) {
                    csv.print(column[0]);
                }
                csv.println();
                if (hxl) {
                    for (String[] column : columns) {
                        csv.print(column[1]);
                    }
                    csv.println();
                }
                rows.writeEach(values -> {
                    try {
                        csv.printRecord(values.stream().map(CsvExport::inert).toList());
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            }
        };
        return Response.ok(body).type("text/csv; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"" + fileName + "\"").build();
    }
}
