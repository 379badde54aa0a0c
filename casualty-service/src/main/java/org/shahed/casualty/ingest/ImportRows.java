package org.shahed.casualty.ingest;

import java.io.BufferedReader;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.util.TokenBuffer;

/** The rows of an import file, CSV or NDJSON, read as a stream: each row's record as JSON tokens. */
final class ImportRows {
    private ImportRows() {
    }

    /**
     * One row of the file: its number (1 = first data row) and its record's JSON tokens, or why it could not even
     * be read.
     */
    record Row(long number, TokenBuffer record, String unreadable, String externalId) {
    }

    /** The rows of {@code in} in {@code format} (csv or ndjson). */
    static Iterator<Row> of(String format, InputStream in, ObjectMapper json) throws IOException {
        return "csv".equals(format) ? csv(in, json) : ndjson(in, json);
    }

    private static Iterator<Row> csv(InputStream in, ObjectMapper json) throws IOException {
        CSVParser parser = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).setTrim(true).get()
                .parse(CsvColumns.withoutByteOrderMark(new InputStreamReader(in, StandardCharsets.UTF_8)));
        CsvColumns.Layout layout = new CsvColumns.Layout(parser.getHeaderNames());
        int externalIdColumn = parser.getHeaderNames().indexOf("external_id");
        Iterator<CSVRecord> records = parser.iterator();
        return new Iterator<>() {
            long number;

            @Override
            public boolean hasNext() {
                return records.hasNext();
            }

            @Override
            public Row next() {
                CSVRecord record = records.next();
                number++;
                if (!record.isConsistent()) {
                    return new Row(number, null, "expected " + parser.getHeaderNames().size() + " cells, found " + record.size(),
                            externalIdColumn >= 0 && externalIdColumn < record.size() ? record.get(externalIdColumn) : null);
                }
                TokenBuffer tokens = new TokenBuffer(json, false);
                try {
                    layout.write(record, tokens);
                } catch (IOException e) {
                    throw new UncheckedIOException(e); // a token buffer is memory: it does not fail to be written
                }
                return new Row(number, tokens, null, externalIdColumn < 0 ? null : record.get(externalIdColumn));
            }
        };
    }

    private static Iterator<Row> ndjson(InputStream in, ObjectMapper json) {
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        Iterator<String> lines = reader.lines().filter(line -> !line.isBlank()).iterator();
        return new Iterator<>() {
            long number;

            @Override
            public boolean hasNext() {
                return lines.hasNext();
            }

            @Override
            public Row next() {
                String line = lines.next();
                number++;
                // A buffer of its own, not one read as a value: that one keeps the reading parser's context, and
                // the paths of the row's problems would start inside it.
                try (JsonParser parser = json.createParser(line)) {
                    TokenBuffer tokens = new TokenBuffer(json, false);
                    if (parser.nextToken() == null) {
                        throw new IOException("empty line");
                    }
                    tokens.copyCurrentStructure(parser);
                    if (parser.nextToken() != null) {
                        throw new IOException("more than one value on the line");
                    }
                    return new Row(number, tokens, null, null);
                } catch (IOException e) {
                    return new Row(number, null, "not a JSON object: " + (e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage()), null);
                }
            }
        };
    }

    /** Counts the bytes read, for the job's progress. */
    static final class CountingStream extends FilterInputStream {
        private long count;

        CountingStream(InputStream in) {
            super(in);
        }

        long count() {
            return count;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count += n;
            }
            return n;
        }
    }
}
