package org.shahed.platform.store;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Function;

import org.shahed.platform.web.Page;
import org.shahed.platform.web.Problems;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;

/**
 * Positions in a service's changes feeds ({@code GET .../changes?cursor=}). A change's position is its transaction's
 * id and a number from the feed's sequence ({@link FeedPosition}); nothing is locked to take one, so writers never
 * wait for each other here. A reader sees a change only once every transaction that could still write before it
 * has ended, so a client resuming after a position never misses a change that committed late. Each feed is
 * registered by a migration: {@code create sequence <feed>_change_seq} and the columns {@code change_txid} and
 * {@code change_seq} on its table.
 */
@ApplicationScoped
public class ChangeFeed {
    private static final String TRANSACTION_ID = "cast(cast(pg_current_xact_id() as text) as bigint)";

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
     * {@code after} (where to start and up to which transaction, limit → records after it in position order);
     * {@code next} is always present, so a client at the end resumes from where it is.
     */
    public <T> FeedPage<T> read(String kind, String cursor, int limit,
            BiFunction<FeedPosition.After, Integer, List<T>> after, Function<T, FeedPosition> position) {
        Page.limit(limit);
        FeedPosition from = FeedPosition.of(kind, cursor, "cursor");
        List<T> items = after.apply(new FeedPosition.After(from, settled()), limit + 1);
        boolean hasMore = items.size() > limit;
        if (hasMore) {
            items = items.subList(0, limit);
        }
        FeedPosition last = items.isEmpty() ? from : position.apply(items.get(items.size() - 1));
        return new FeedPage<>(items, last.cursor(kind), hasMore);
    }

    /**
     * The lowest id a transaction still writing may have: every transaction below it has ended, and every one that
     * starts writing from now on gets a higher one.
     */
    public long settled() {
        return ((Number) entityManager
                .createNativeQuery("select cast(cast(pg_snapshot_xmin(pg_current_snapshot()) as text) as bigint)")
                .getSingleResult()).longValue();
    }

    /**
     * The cursor of a feed (of cursor kind {@code kind}) where it stands now, to stamp an export with: every
     * change committed so far that the export may not hold is after it, so that a client reading the feed from it
     * after the export misses nothing (and may receive again a record the export held, in its latest state).
     */
    public String cursorNow(String kind) {
        return new FeedPosition(settled(), 0).cursor(kind);
    }

    /** The header an export carries its changes-feed cursor in. */
    public static final String EXPORT_CURSOR_HEADER = "Shahed-Changes-Cursor";

    /**
     * For {@link #read}: the rows of {@code table} (aliased {@code alias}, with the feed's position columns) after
     * a position that pass {@code condition}, whose parameters are {@code parameters}.
     */
    public static <T> BiFunction<FeedPosition.After, Integer, List<T>> rowsOf(EntityManager entityManager, Class<T> type,
            String table, String alias, String condition, Map<String, Object> parameters) {
        return (after, max) -> {
            Query query = entityManager.createNativeQuery("select " + alias + ".* from " + table + " " + alias
                    + " where " + FeedPosition.After.sql(alias) + " and " + condition + " order by "
                    + FeedPosition.order(alias) + " limit " + max, type);
            after.parameters().forEach(query::setParameter);
            parameters.forEach(query::setParameter);
            @SuppressWarnings("unchecked")
            List<T> rows = query.getResultList();
            return rows;
        };
    }

    /** The next position of {@code feed}, in this transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public FeedPosition next(String feed) {
        return next(feed, 1).get(0);
    }

    /** {@code count} positions of {@code feed} at once (bulk writes), in order. */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<FeedPosition> next(String feed, int count) {
        List<FeedPosition> positions = new ArrayList<>(count);
        if (count == 0) {
            return positions;
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("select " + TRANSACTION_ID + ", nextval(cast(:sequence as regclass))"
                + " from generate_series(1, :count)").setParameter("sequence", sequence(feed))
                .setParameter("count", count).getResultList();
        for (Object[] row : rows) {
            positions.add(new FeedPosition(((Number) row[0]).longValue(), ((Number) row[1]).longValue()));
        }
        return positions;
    }

    /** The assignments in an {@code update} of a feed's table that give each updated row a new position. */
    public static String movedToEnd(String feed) {
        return "change_txid = " + TRANSACTION_ID + ", change_seq = nextval('" + sequence(feed) + "')";
    }

    /**
     * Waits until no transaction changes whether partners may read the records of these incidents (or other keys
     * a feed's publication depends on), and keeps them from doing so until this one ends; writers of different
     * records of one incident do not wait for each other. Taken before any of those records' rows, as
     * {@link #changingPublication} is.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void guardPublication(String feed, Collection<UUID> keys) {
        List<String> sorted = keys.stream().filter(Objects::nonNull).map(UUID::toString).distinct().sorted().toList();
        if (sorted.isEmpty()) {
            return;
        }
        // Locked in the array's order, one order for every writer, so that they never deadlock.
        entityManager.createNativeQuery("select pg_advisory_xact_lock_shared(l.key) from (select"
                + " hashtextextended(:feed || ':' || k.value, 0) as key from unnest(cast(:keys as text[]))"
                + " with ordinality as k(value, n) order by k.n offset 0) l")
                .setParameter("feed", feed).setParameter("keys", sorted.toArray(String[]::new)).getResultList();
    }

    /**
     * Waits until no writer guards {@code key}'s publication ({@link #guardPublication}) and keeps new ones waiting
     * until this transaction ends: what it reads of the records next sees every record they wrote, and what they
     * read after sees this transaction's change.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void changingPublication(String feed, UUID key) {
        entityManager.createNativeQuery("select pg_advisory_xact_lock(hashtextextended(:feed || ':' || :key, 0))")
                .setParameter("feed", feed).setParameter("key", key.toString()).getSingleResult();
    }

    /**
     * One lock over a whole feed's publication, for a feed whose records' publication depends on several keys
     * each (a file linked to incidents and to casualty records): writers of the feed and changes of publication
     * take turns.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void lockPublication(String feed) {
        entityManager.createNativeQuery("select pg_advisory_xact_lock(hashtextextended(:feed, 0))")
                .setParameter("feed", feed + ":publication").getSingleResult();
    }

    private static String sequence(String feed) {
        return feed + "_change_seq";
    }
}
