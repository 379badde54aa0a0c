package org.shahed.platform.store;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hibernate.Session;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyInputStream;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

/**
 * The rows of one query, streamed: what exports (and the casualty changes feed's pages) are made of. They are read as {@code COPY (query) TO STDOUT} in
 * PostgreSQL's binary format, which PostgreSQL writes while the service reads (a server-side cursor waits for a
 * round trip per fetch, and the service sat idle most of the time), and the heap holds what the socket buffers
 * hold, whatever the size of the result.
 *
 * <p>One statement reads one snapshot, so a record changed while an export runs leaves once, as it was when the
 * export began (read page by page, it left again at the end, changed). The transaction lasts as long as the
 * client takes to read, up to {@code shahed.exports.longest}; like any long snapshot it holds back vacuum meanwhile.
 */
@ApplicationScoped
public class StreamedRows {
    @ConfigProperty(name = "shahed.exports.longest", defaultValue = "PT4H")
    Duration longest;
    @Inject
    EntityManager entityManager;

    /**
     * Passes each row of {@code select} (a query written with {@code :name} parameters, as for JPA) to {@code each},
     * read as {@code COPY ... TO STDOUT (format binary)}, in a transaction of its own. COPY takes no bound
     * parameters, and values are never written into SQL: each is set as a transaction-local setting through a
     * bound statement and read back in the query with {@code current_setting}, cast to its type. What {@code each}
     * throws ends the read (the COPY is cancelled).
     */
    public void copyEach(String select, Map<String, Object> parameters, Consumer<CopiedRow> each) {
        QuarkusTransaction.requiringNew().timeout((int) longest.toSeconds()).run(() -> entityManager
                .unwrap(Session.class).doWork(connection -> {
                    String sql = select;
                    int index = 0;
                    for (Map.Entry<String, Object> parameter : parameters.entrySet()) {
                        String setting = "shahed.export_p" + index++;
                        Object value = parameter.getValue();
                        String reference = "cast(current_setting('" + setting + "') as " + sqlType(value) + ")";
                        sql = Pattern.compile("(?<![:\\w]):" + Pattern.quote(parameter.getKey()) + "(?!\\w)").matcher(sql)
                                .replaceAll(Matcher.quoteReplacement(reference));
                        boolean array = value instanceof String[];
                        try (PreparedStatement set = connection.prepareStatement(array
                                ? "select set_config(?, cast(cast(? as text[]) as text), true)"
                                : "select set_config(?, ?, true)")) {
                            set.setString(1, setting);
                            if (array) {
                                set.setArray(2, connection.createArrayOf("text", (String[]) value));
                            } else {
                                set.setString(2, value.toString());
                            }
                            set.execute();
                        }
                    }
                    try (InputStream copied = new BufferedInputStream(new PGCopyInputStream(
                            connection.unwrap(PGConnection.class), "copy (" + sql + ") to stdout (format binary)"), 1 << 16)) {
                        CopiedRow.readAll(copied, each);
                    } catch (IOException e) {
                        throw new SQLException("reading COPY output", e);
                    }
                }));
    }

    private static String sqlType(Object value) {
        if (value instanceof UUID) {
            return "uuid";
        } else if (value instanceof String) {
            return "text";
        } else if (value instanceof String[]) {
            return "text[]";
        } else if (value instanceof LocalDate) {
            return "date";
        } else if (value instanceof Instant || value instanceof OffsetDateTime) {
            return "timestamptz";
        } else if (value instanceof Long || value instanceof Integer) {
            return "bigint";
        } else if (value instanceof Double) {
            return "double precision";
        } else if (value instanceof Boolean) {
            return "boolean";
        }
        throw new IllegalArgumentException("no SQL type for a parameter of " + value.getClass());
    }

    /** An export ready to be read: what it reads passed one by one to a consumer, once the answer's body is sent. */
    @FunctionalInterface
    public interface Reading<T> {
        void forEach(Consumer<T> each);
    }
}
