package org.shahed.platform.store;

import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.ToLongFunction;

import org.shahed.platform.web.Cursors;
import org.shahed.platform.web.Problems;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;

/**
 * Positions in a service's changes feeds ({@code GET .../changes?since=}). Taking one locks the feed's counter
 * row until the transaction ends, so positions follow commit order: a client resuming after position N never
 * misses a change that committed late with a smaller number. Each feed is registered by a migration
 * ({@code insert into change_counter values ('name', 0)}).
 */
@ApplicationScoped
public class ChangeFeed {
    private final EntityManager entityManager;

    @Inject
    public ChangeFeed(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** A page of a changes feed: records in position order, and the cursor that resumes after them. */
    public record FeedPage<T>(List<T> items, String next) {
    }

    /**
     * Reads the page after the position in {@code since} (a cursor of {@code kind}; absent: from the start) with
     * {@code after} (position, limit → records after it in position order); {@code next} is always present,
     * so a client at the end resumes from where it is.
     */
    public static <T> FeedPage<T> read(String kind, String since, int limit, BiFunction<Long, Integer, List<T>> after,
            ToLongFunction<T> position) {
        if (limit < 1 || limit > 500) {
            throw Problems.invalidParameter("limit", "between 1 and 500");
        }
        long from = Cursors.decodePosition(kind, since, "since");
        List<T> items = after.apply(from, limit);
        long last = items.isEmpty() ? from : position.applyAsLong(items.get(items.size() - 1));
        return new FeedPage<>(items, Cursors.encode(kind, Long.toString(last)));
    }

    /**
     * For {@link #read}: the rows of {@code table} (aliased {@code alias}, with its {@code change_seq} position
     * column) after a position that pass {@code condition}, whose parameters are {@code parameters}.
     */
    public static <T> BiFunction<Long, Integer, List<T>> rowsOf(EntityManager entityManager, Class<T> type,
            String table, String alias, String condition, Map<String, Object> parameters) {
        return (after, max) -> {
            Query query = entityManager.createNativeQuery("select " + alias + ".* from " + table + " " + alias
                    + " where " + alias + ".change_seq > :after and " + condition + " order by " + alias
                    + ".change_seq limit " + max, type).setParameter("after", after);
            parameters.forEach(query::setParameter);
            @SuppressWarnings("unchecked")
            List<T> rows = query.getResultList();
            return rows;
        };
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public long next(String feed) {
        Object value = entityManager
                .createNativeQuery("update change_counter set value = value + 1 where name = :feed returning value")
                .setParameter("feed", feed)
                .getSingleResult();
        return ((Number) value).longValue();
    }

    /**
     * Takes the feed's lock now, without a position: what this transaction reads next sees every change that took a
     * position before, and no change takes one until it commits (for a writer that first decides how many
     * positions it needs from what it reads).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void lock(String feed) {
        entityManager.createNativeQuery("select value from change_counter where name = :feed for update")
                .setParameter("feed", feed)
                .getSingleResult();
    }

    /** {@code count} consecutive positions at once (bulk writes); returns the first. */
    @Transactional(Transactional.TxType.MANDATORY)
    public long nextBlock(String feed, int count) {
        Object value = entityManager
                .createNativeQuery("update change_counter set value = value + :count where name = :feed returning value")
                .setParameter("feed", feed)
                .setParameter("count", count)
                .getSingleResult();
        return ((Number) value).longValue() - count + 1;
    }
}
