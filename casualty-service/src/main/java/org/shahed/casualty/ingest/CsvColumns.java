package org.shahed.casualty.ingest;

import java.io.IOException;
import java.io.PushbackReader;
import java.io.Reader;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVRecord;

import com.fasterxml.jackson.core.JsonGenerator;

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

    static final List<String> REQUIRED = List.of("sex", "outcome", "status", "documentation_level");

    private CsvColumns() {
    }

    /**
     * The reader of a CSV file without the byte-order mark that spreadsheet programs put first when they save
     * "CSV UTF-8" (the usual way to save Arabic text), which would otherwise stick to the first column's name.
     */
    static Reader withoutByteOrderMark(Reader reader) throws IOException {
        PushbackReader pushback = new PushbackReader(reader, 1);
        int first = pushback.read();
        if (first >= 0 && first != '\uFEFF') {
            pushback.unread(first);
        }
        return pushback;
    }

    /** The column a JSON field path came from, for error reports in the file's own terms. */
    static String columnOf(String jsonPath) {
        String plain = jsonPath.replace(".<list element>", "").replaceAll("\\[\\d+]$", "[]");
        for (var entry : PATHS.entrySet()) {
            if (entry.getValue().equals(plain) || entry.getValue().equals(jsonPath)) {
                return entry.getKey();
            }
        }
        return jsonPath;
    }

    /**
     * Where one file's columns go, worked out once from its header: each row is then written as the tokens of a
     * record (empty cells absent, objects with no value absent, values kept as text for the record's types to
     * judge) without building a JSON tree first.
     */
    static final class Layout {
        private final Field root = new Field(null);

        Layout(List<String> header) {
            for (int column = 0; column < header.size(); column++) {
                String path = PATHS.get(header.get(column));
                boolean list = path.endsWith("[]");
                String[] names = (list ? path.substring(0, path.length() - 2) : path).split("\\.");
                Field parent = root;
                for (int i = 0; i < names.length - 1; i++) {
                    parent = parent.child(names[i]);
                }
                Field leaf = parent.child(names[names.length - 1]);
                leaf.column = column;
                leaf.list = list;
            }
        }

        /** Writes the record of a row, whose cells are in header order. */
        void write(CSVRecord cells, JsonGenerator out) throws IOException {
            root.writeObject(cells, out);
        }
    }

    /** A member of the record: an object of further members, or a value taken from a column. */
    private static final class Field {
        /** The source columns fill one item of "sources": written as a list of it, independent unless told. */
        private static final String ONE_SOURCE = "sources[0]";

        final String name;
        final Map<String, Field> members = new LinkedHashMap<>();
        int column = -1;
        boolean list;

        Field(String name) {
            this.name = name;
        }

        Field child(String childName) {
            return members.computeIfAbsent(childName, Field::new);
        }

        boolean hasValue(CSVRecord cells) {
            if (column >= 0) {
                return !cells.get(column).isBlank();
            }
            for (Field member : members.values()) {
                if (member.hasValue(cells)) {
                    return true;
                }
            }
            return false;
        }

        void writeObject(CSVRecord cells, JsonGenerator out) throws IOException {
            out.writeStartObject();
            writeMembers(cells, out);
            out.writeEndObject();
        }

        private void writeMembers(CSVRecord cells, JsonGenerator out) throws IOException {
            for (Field member : members.values()) {
                if (member.hasValue(cells)) {
                    member.writeMember(cells, out);
                }
            }
        }

        private void writeMember(CSVRecord cells, JsonGenerator out) throws IOException {
            if (ONE_SOURCE.equals(name)) {
                out.writeArrayFieldStart("sources");
                out.writeStartObject();
                writeMembers(cells, out);
                if (!members.containsKey("independent") || !members.get("independent").hasValue(cells)) {
                    out.writeBooleanField("independent", true);
                }
                out.writeEndObject();
                out.writeEndArray();
                return;
            }
            out.writeFieldName(name);
            if (column < 0) {
                writeObject(cells, out);
            } else if (list) {
                out.writeStartArray();
                for (String item : cells.get(column).split(";")) {
                    if (!item.isBlank()) {
                        out.writeString(item.trim());
                    }
                }
                out.writeEndArray();
            } else {
                out.writeString(cells.get(column).trim());
            }
        }
    }
}
