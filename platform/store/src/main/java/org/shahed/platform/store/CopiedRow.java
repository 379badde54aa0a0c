package org.shahed.platform.store;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * One row of {@code COPY ... TO STDOUT (format binary)}, its fields read by type: PostgreSQL's binary format is each
 * field's length and bytes, so nothing needs unescaping (JSON text included) and numbers, ids and times come as
 * they are stored.
 */
public final class CopiedRow {
    private static final byte[] SIGNATURE = { 'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0 };
    /** PostgreSQL's epoch for timestamps, 2000-01-01T00:00:00Z, in seconds since the Unix epoch. */
    private static final long POSTGRES_EPOCH = 946_684_800L;

    private final byte[][] fields;

    private CopiedRow(byte[][] fields) {
        this.fields = fields;
    }

    /** Reads the whole binary COPY output in {@code in}, passing each row to {@code each}. */
    static void readAll(InputStream in, Consumer<CopiedRow> each) throws IOException {
        DataInputStream data = new DataInputStream(in);
        byte[] signature = new byte[SIGNATURE.length];
        data.readFully(signature);
        if (!Arrays.equals(signature, SIGNATURE)) {
            throw new IOException("not PostgreSQL's binary COPY format");
        }
        data.readInt(); // flags: no OIDs since PostgreSQL 12
        data.skipNBytes(data.readInt()); // header extension, none defined
        while (true) {
            short count;
            try {
                count = data.readShort();
            } catch (EOFException e) {
                throw new IOException("COPY output ended without its trailer", e);
            }
            if (count == -1) {
                return;
            }
            byte[][] fields = new byte[count][];
            for (int i = 0; i < count; i++) {
                int length = data.readInt();
                if (length >= 0) {
                    fields[i] = new byte[length];
                    data.readFully(fields[i]);
                }
            }
            each.accept(new CopiedRow(fields));
        }
    }

    /** A text, varchar or json column (UTF-8). */
    public String text(int column) {
        byte[] field = fields[column];
        return field == null ? null : new String(field, StandardCharsets.UTF_8);
    }

    public UUID uuid(int column) {
        byte[] field = fields[column];
        if (field == null) {
            return null;
        }
        ByteBuffer bytes = ByteBuffer.wrap(field);
        return new UUID(bytes.getLong(), bytes.getLong());
    }

    /** A bigint column. */
    public Long int8(int column) {
        byte[] field = fields[column];
        return field == null ? null : ByteBuffer.wrap(field).getLong();
    }

    public Boolean bool(int column) {
        byte[] field = fields[column];
        return field == null ? null : field[0] != 0;
    }

    /** A timestamptz column: microseconds since PostgreSQL's epoch. */
    public Instant instant(int column) {
        byte[] field = fields[column];
        if (field == null) {
            return null;
        }
        long micros = ByteBuffer.wrap(field).getLong();
        return Instant.ofEpochSecond(POSTGRES_EPOCH + Math.floorDiv(micros, 1_000_000L),
                Math.floorMod(micros, 1_000_000L) * 1_000L);
    }

    /** A double precision column. */
    public Double float8(int column) {
        byte[] field = fields[column];
        return field == null ? null : ByteBuffer.wrap(field).getDouble();
    }

    /** A one-dimensional text[] column (empty for an empty array); null elements stay null. */
    public String[] textArray(int column) {
        byte[] field = fields[column];
        if (field == null) {
            return null;
        }
        ByteBuffer bytes = ByteBuffer.wrap(field);
        int dimensions = bytes.getInt();
        bytes.getInt(); // whether any element is null
        bytes.getInt(); // the elements' type
        if (dimensions == 0) {
            return new String[0];
        }
        if (dimensions != 1) {
            throw new IllegalStateException("a text array of " + dimensions + " dimensions");
        }
        String[] elements = new String[bytes.getInt()];
        bytes.getInt(); // lower bound
        for (int i = 0; i < elements.length; i++) {
            int length = bytes.getInt();
            if (length >= 0) {
                elements[i] = new String(field, bytes.position(), length, StandardCharsets.UTF_8);
                bytes.position(bytes.position() + length);
            }
        }
        return elements;
    }
}
