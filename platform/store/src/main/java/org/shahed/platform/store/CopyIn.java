package org.shahed.platform.store;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.UUID;

import org.hibernate.Session;
import org.postgresql.PGConnection;

import jakarta.persistence.EntityManager;

/**
 * Many rows written into one table with PostgreSQL {@code COPY ... FROM STDIN} on the current transaction's own
 * connection: one round trip per batch instead of several per row, and still atomic with the rest of the write.
 * Values are Strings, numbers, Booleans, UUIDs, LocalDates, Instants, String arrays (text[]), or null; JSON goes
 * in as its text. A bulk writer can encode most of a row ahead of its transaction ({@link #line}), on another
 * thread, and add the values known only at write time ({@link #add}).
 */
public final class CopyIn {
    private static final ThreadLocal<Encoder> ENCODER = ThreadLocal.withInitial(() -> new Encoder(8 * 1024));

    private final String table;
    private final String[] columns;
    private final Encoder text = new Encoder(64 * 1024);
    private int rows;

    private CopyIn(String table, String[] columns) {
        this.table = table;
        this.columns = columns;
    }

    public static CopyIn into(String table, String... columns) {
        return new CopyIn(table, columns);
    }

    /** The first values of a row, encoded (COPY text, UTF-8) for {@link #add}. */
    public record Line(byte[] encoded, int values) {
    }

    /** Encodes the first values of a row, in the order of the columns. */
    public static Line line(Object... values) {
        Encoder encoder = ENCODER.get();
        encoder.length = 0;
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                encoder.put('\t');
            }
            encoder.value(values[i]);
        }
        return new Line(Arrays.copyOf(encoder.bytes, encoder.length), values.length);
    }

    /** Adds a row: the encoded {@code line}, then {@code moreValues} for the remaining columns. */
    public CopyIn add(Line line, Object... moreValues) {
        if (line.values() + moreValues.length != columns.length) {
            throw new IllegalArgumentException(table + ": " + columns.length + " columns, "
                    + (line.values() + moreValues.length) + " values");
        }
        text.put(line.encoded());
        for (Object value : moreValues) {
            text.put('\t');
            text.value(value);
        }
        text.put('\n');
        rows++;
        return this;
    }

    public int rows() {
        return rows;
    }

    /** Sends the rows; Hibernate's pending changes are flushed first so that they come before these. */
    public void write(EntityManager entityManager) {
        if (rows == 0) {
            return;
        }
        entityManager.flush();
        String sql = "copy " + table + " (" + String.join(", ", columns) + ") from stdin";
        entityManager.unwrap(Session.class).doWork(connection -> {
            org.postgresql.copy.CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql);
            try {
                copy.writeToCopy(text.bytes, 0, text.length);
                copy.endCopy();
            } finally {
                if (copy.isActive()) {
                    copy.cancelCopy();
                }
            }
        });
    }

    /**
     * Writes values straight into UTF-8 COPY text in a growing buffer (a table's rows, or one kept per thread for
     * {@link #line}): rows carry whole JSON documents, and going through StringBuilders and Strings first made a
     * row cost many times its size in garbage.
     */
    private static final class Encoder {
        private byte[] bytes;
        private int length;

        Encoder(int capacity) {
            bytes = new byte[capacity];
        }

        void value(Object value) {
            if (value == null) {
                put('\\');
                put('N');
            } else if (value instanceof String[] array) {
                StringBuilder literal = new StringBuilder("{");
                for (int i = 0; i < array.length; i++) {
                    if (i > 0) {
                        literal.append(',');
                    }
                    if (array[i] == null) {
                        literal.append("NULL");
                    } else {
                        literal.append('"').append(array[i].replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
                    }
                }
                text(literal.append('}').toString());
            } else if (value instanceof Boolean b) {
                put(b ? 't' : 'f');
            } else if (value instanceof String text) {
                text(text);
            } else if (value instanceof Number || value instanceof UUID || value instanceof LocalDate
                    || value instanceof Instant) {
                text(value.toString());
            } else {
                throw new IllegalArgumentException("no COPY text form for " + value.getClass().getName());
            }
        }

        /** COPY's text format: backslash, and the row and column separators, escaped; the rest as UTF-8. */
        private void text(String value) {
            ensure(value.length() * 3 + 2);
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c < 0x80) {
                    switch (c) {
                        case '\\' -> escaped('\\');
                        case '\n' -> escaped('n');
                        case '\r' -> escaped('r');
                        case '\t' -> escaped('t');
                        default -> bytes[length++] = (byte) c;
                    }
                } else if (c < 0x800) {
                    bytes[length++] = (byte) (0xC0 | (c >> 6));
                    bytes[length++] = (byte) (0x80 | (c & 0x3F));
                } else if (Character.isHighSurrogate(c) && i + 1 < value.length()
                        && Character.isLowSurrogate(value.charAt(i + 1))) {
                    int code = Character.toCodePoint(c, value.charAt(++i));
                    bytes[length++] = (byte) (0xF0 | (code >> 18));
                    bytes[length++] = (byte) (0x80 | ((code >> 12) & 0x3F));
                    bytes[length++] = (byte) (0x80 | ((code >> 6) & 0x3F));
                    bytes[length++] = (byte) (0x80 | (code & 0x3F));
                } else if (Character.isSurrogate(c)) {
                    bytes[length++] = '?'; // a lone surrogate, as String.getBytes(UTF_8) writes it
                } else {
                    bytes[length++] = (byte) (0xE0 | (c >> 12));
                    bytes[length++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                    bytes[length++] = (byte) (0x80 | (c & 0x3F));
                }
            }
        }

        private void escaped(char c) {
            // Room was made for three bytes a character; an escape takes two of a character's one.
            bytes[length++] = '\\';
            bytes[length++] = (byte) c;
        }

        void put(char asciiCharacter) {
            ensure(1);
            bytes[length++] = (byte) asciiCharacter;
        }

        void put(byte[] encoded) {
            ensure(encoded.length);
            System.arraycopy(encoded, 0, bytes, length, encoded.length);
            length += encoded.length;
        }

        private void ensure(int more) {
            if (length + more > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
            }
        }
    }
}
