package org.shahed.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * An API answer as rows: the items of a page, or the one object answered; nested members flattened to dotted
 * columns ({@code count.min}), lists of values joined with semicolons, anything deeper kept as JSON.
 */
final class Tables {
    private static final int WIDEST = 48;

    private Tables() {
    }

    static void print(JsonNode answer, String format, PrintWriter out) throws IOException {
        List<Map<String, String>> rows = new ArrayList<>();
        if (answer.has("items") && answer.get("items").isArray()) {
            answer.get("items").forEach(item -> rows.add(flat(item)));
        } else {
            rows.add(flat(answer));
        }
        Set<String> columns = new LinkedHashSet<>();
        rows.forEach(row -> columns.addAll(row.keySet()));
        if ("csv".equals(format)) {
            CSVPrinter csv = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setHeader(columns.toArray(String[]::new)).build());
            for (Map<String, String> row : rows) {
                csv.printRecord(columns.stream().map(column -> row.getOrDefault(column, "")).toList());
            }
            csv.flush();
            return;
        }
        Map<String, Integer> widths = new LinkedHashMap<>();
        for (String column : columns) {
            int width = column.length();
            for (Map<String, String> row : rows) {
                width = Math.max(width, row.getOrDefault(column, "").length());
            }
            widths.put(column, Math.min(width, WIDEST));
        }
        out.println(line(columns, widths, null));
        for (Map<String, String> row : rows) {
            out.println(line(columns, widths, row));
        }
        out.flush();
    }

    private static String line(Set<String> columns, Map<String, Integer> widths, Map<String, String> row) {
        StringBuilder line = new StringBuilder();
        for (String column : columns) {
            String value = row == null ? column : row.getOrDefault(column, "");
            int width = widths.get(column);
            if (value.length() > width) {
                value = value.substring(0, width - 1) + "…";
            }
            line.append(value).append(" ".repeat(width - value.length() + 2));
        }
        return line.toString().stripTrailing();
    }

    static Map<String, String> flat(JsonNode node) {
        Map<String, String> row = new LinkedHashMap<>();
        flatten("", node, row);
        return row;
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> row) {
        if (node.isObject()) {
            node.fields().forEachRemaining(field -> flatten(prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey(),
                    field.getValue(), row));
        } else if (node.isArray()) {
            boolean values = true;
            List<String> joined = new ArrayList<>();
            for (JsonNode element : node) {
                values &= element.isValueNode();
                joined.add(element.asText());
            }
            row.put(prefix, values ? String.join(";", joined) : node.toString());
        } else if (!node.isNull()) {
            row.put(prefix.isEmpty() ? "value" : prefix, node.asText());
        }
    }
}
