package org.shahed.casualty.ingest;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The CSV import's columns and where each goes in a casualty record. Headers must be among these (in any order);
 * only {@code sex, outcome, status, documentation_level} are required. Lists are separated by semicolons.
 */
final class CsvColumns {
    /** Column → JSON path in {@code CasualtyInput} (a trailing [] marks a semicolon-separated list). */
    static final Map<String, String> PATHS = new LinkedHashMap<>();
    static {
        PATHS.put("source_system", "sourceSystem");
        PATHS.put("external_id", "externalId");
        PATHS.put("incident_id", "incidentId");
        PATHS.put("full_name_ar", "names.fullNameAr");
        PATHS.put("full_name_latin", "names.fullNameLatin");
        PATHS.put("given_name", "names.givenName");
        PATHS.put("father_name", "names.fatherName");
        PATHS.put("family_name", "names.familyName");
        PATHS.put("mother_name", "names.motherName");
        PATHS.put("nickname", "names.nickname");
        PATHS.put("sex", "sex");
        PATHS.put("age_years", "age.years");
        PATHS.put("age_group", "age.group");
        PATHS.put("outcome", "outcome");
        PATHS.put("status", "status");
        PATHS.put("roles", "roles[]");
        PATHS.put("date", "date.on");
        PATHS.put("date_precision", "date.precision");
        PATHS.put("place_name_en", "place.name.en");
        PATHS.put("place_name_ar", "place.name.ar");
        PATHS.put("admin_pcodes", "place.adminPcodes[]");
        PATHS.put("cause", "cause");
        PATHS.put("documentation_level", "documentationLevel");
        PATHS.put("consent_publish_name", "consent.publishName");
        PATHS.put("source_type", "sources[0].type");
        PATHS.put("source_reference", "sources[0].reference");
    }

    static final java.util.List<String> REQUIRED = java.util.List.of("sex", "outcome", "status", "documentation_level");

    private CsvColumns() {
    }

    /** The column a JSON field path came from, for error reports in the file's own terms. */
    static String columnOf(String jsonPath) {
        String plain = jsonPath.replaceAll("\\[\\d+]$", "[]");
        for (var entry : PATHS.entrySet()) {
            if (entry.getValue().equals(plain) || entry.getValue().equals(jsonPath)) {
                return entry.getKey();
            }
        }
        return jsonPath;
    }

    /** Builds the JSON of one row; empty cells are absent. Values stay text: the record's types judge them. */
    static ObjectNode toJson(ObjectMapper json, Map<String, String> row) {
        ObjectNode root = json.createObjectNode();
        row.forEach((column, value) -> {
            if (value == null || value.isBlank()) {
                return;
            }
            String path = PATHS.get(column);
            boolean list = path.endsWith("[]");
            String[] parts = (list ? path.substring(0, path.length() - 2) : path).split("\\.");
            ObjectNode parent = root;
            for (int i = 0; i < parts.length - 1; i++) {
                parent = child(json, parent, parts[i]);
            }
            String last = parts[parts.length - 1];
            if (list) {
                ArrayNode array = parent.putArray(last);
                for (String item : value.split(";")) {
                    if (!item.isBlank()) {
                        array.add(item.trim());
                    }
                }
            } else {
                parent.put(last, value.trim());
            }
        });
        // The source columns were gathered under a member named "sources[0]": make it the list it means.
        moveIndexed(json, root, "sources[0]", "sources");
        return root;
    }

    private static ObjectNode child(ObjectMapper json, ObjectNode parent, String name) {
        if (parent.get(name) instanceof ObjectNode existing) {
            return existing;
        }
        return parent.putObject(name);
    }

    private static void moveIndexed(ObjectMapper json, ObjectNode root, String indexed, String list) {
        if (root.get(indexed) instanceof ObjectNode item) {
            root.remove(indexed);
            if (!item.has("independent")) {
                item.put("independent", true);
            }
            root.putArray(list).add(item);
        }
    }
}
