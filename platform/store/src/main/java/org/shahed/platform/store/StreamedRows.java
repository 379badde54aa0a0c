package org.shahed.platform.store;

import java.time.Duration;
import java.util.Iterator;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hibernate.query.NativeQuery;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;

/**
 * The rows of one native query, read through a server-side cursor: what exports are made of.
 *
 * <p>PostgreSQL hands the rows over {@value #FETCH_SIZE} at a time, so the heap holds one fetch whatever the size of
 * the result. One statement reads one snapshot, so a record changed while an export runs leaves once, as it was when
 * the export began (read page by page, it left again at the end, changed). The transaction lasts as long as the
 * client takes to read, up to {@code shahed.exports.longest}; like any long snapshot it holds back vacuum meanwhile.
 */
@ApplicationScoped
public class StreamedRows {
    static final int FETCH_SIZE = 500;

    @ConfigProperty(name = "shahed.exports.longest", defaultValue = "PT4H")
    Duration longest;
    @Inject
    EntityManager entityManager;

    /**
     * Passes each row of the query {@code query} makes to {@code each}, in a transaction of its own: an entity for a
     * query typed by one (read only, and let go of after each fetch, so they do not pile up in the session),
     * otherwise an {@code Object[]} of its scalars in order. What {@code each} throws ends the read.
     */
    public <T> void forEach(Function<EntityManager, Query> query, Class<T> rowType, Consumer<T> each) {
        QuarkusTransaction.requiringNew().timeout((int) longest.toSeconds()).run(() -> {
            NativeQuery<?> rows = query.apply(entityManager).unwrap(NativeQuery.class);
            rows.setFetchSize(FETCH_SIZE);
            rows.setReadOnly(true);
            long read = 0;
            try (Stream<?> stream = rows.getResultStream()) {
                for (Iterator<?> it = stream.iterator(); it.hasNext();) {
                    each.accept(rowType.cast(it.next()));
                    if (++read % FETCH_SIZE == 0) {
                        entityManager.clear();
                    }
                }
            }
        });
    }

    /** An export ready to be read: what it reads passed one by one to a consumer, once the answer's body is sent. */
    @FunctionalInterface
    public interface Reading<T> {
        void forEach(Consumer<T> each);
    }
}
