package org.shahed.platform.store;

import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.ToLongFunction;

import org.shahed.platform.web.Cursors;
import org.shahed.platform.web.Problems;
import org.shahed.platform.web.Page;

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

    /** A page of a changes feed: records in position order, the cursor that resumes after them, whether more follow. */
    public record FeedPage<T>(List<T> items, String next, boolean hasMore) {
    }

    /**
     * The cursor a feed was called with: {@code cursor}, or the older name {@code since}, which feeds keep taking
     * (deprecated); both at once is a 400.
     */
    public static String cursor(String cursor, String since) {
        if (cursor != null && since != null) {
            throw Problems.invalidParameter("since", "the older name of cursor; send one of them");
        }
        return cursor != null ? cursor : since;
    }

    /**
     * Reads the page after the position in {@code cursor} (a cursor of {@code kind}; absent: from the start) with
     * {@code after} (position, limit → records after it in position order); {@code next} is always present,
     * so a client at the end resumes from where it is.
     */
    public static <T> FeedPage<T> read(String kind, String cursor, int limit, BiFunction<Long, Integer, List<T>> after,
            ToLongFunction<T> position) {
        Page.limit(limit);
        long from = Cursors.decodePosition(kind, cursor, "cursor");
        List<T> items = after.apply(from, limit + 1);
        boolean hasMore = items.size() > limit;
        if (hasMore) {
            items = items.subList(0, limit);
        }
        long last = items.isEmpty() ? from : position.applyAsLong(items.get(items.size() - 1));
        return new FeedPage<>(items, Cursors.encode(kind, Long.toString(last)), hasMore);
    }

    /**
     * The cursor of {@code feed} (of cursor kind {@code kind}) where it stands now, to stamp an export with: every
     * change committed so far is at or before it, and every later one (a write in flight included) after it, so
     * that a client reading the feed from it after the export misses nothing.
     */
    public String cursorNow(String feed, String kind) {
        Object value = entityManager.createNativeQuery("select value from change_counter where name = :feed")
                .setParameter("feed", feed).getSingleResult();
        return Cursors.encode(kind, Long.toString(((Number) value).longValue()));
    }

    /** The header an export carries its changes-feed cursor in. */
    public static final String EXPORT_CURSOR_HEADER = "Shahed-Changes-Cursor";

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
