package org.shahed.platform.store;

import java.util.List;
import java.util.Map;

import org.shahed.platform.web.Cursors;

/**
 * A place in a changes feed: the writing transaction's id, then a sequence number that orders a transaction's
 * changes among themselves. Feeds are read in this order, and only up to the oldest transaction still writing
 * ({@link ChangeFeed#read}): a transaction that has not ended has an id at or above that bound, and every
 * transaction that starts writing later gets a higher one, so a change never becomes readable behind a place a
 * reader has already passed. Rows written before feeds were ordered this way have transaction 0 and keep their
 * old sequence number, which is what their cursors held.
 */
public record FeedPosition(long transaction, long sequence) {
    /** Before every change. */
    public static final FeedPosition START = new FeedPosition(0, 0);

    /** The feed's order, for native SQL over a table aliased {@code alias}. */
    public static String order(String alias) {
        return alias + ".change_txid, " + alias + ".change_seq";
    }

    /** The cursor of a list of {@code kind} that resumes after this position. */
    public String cursor(String kind) {
        return Cursors.encode(kind, Long.toString(transaction), Long.toString(sequence));
    }

    /**
     * The position in {@code cursor} (of {@code kind}; absent: the start). A cursor given out before feeds were
     * ordered by transaction holds the sequence number alone: it resumes from the same place.
     */
    public static FeedPosition of(String kind, String cursor, String parameter) {
        if (cursor == null) {
            return START;
        }
        List<String> parts;
        try {
            parts = Cursors.decode(kind, cursor, 2, parameter);
        } catch (RuntimeException notTwoParts) {
            parts = List.of("0", Cursors.decode(kind, cursor, 1, parameter).get(0));
        }
        try {
            FeedPosition position = new FeedPosition(Long.parseLong(parts.get(0)), Long.parseLong(parts.get(1)));
            if (position.transaction() >= 0 && position.sequence() >= 0) {
                return position;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw Cursors.invalid(parameter);
    }

    /** The position of a feed's record. */
    public static FeedPosition of(FeedDocument record) {
        return new FeedPosition(record.changeTxid, record.changeSeq);
    }

    /**
     * The rows after a position that every reader may see now: for {@link ChangeFeed#read}'s {@code after}, with
     * {@code settled} the lowest transaction id that may still be writing.
     */
    public record After(FeedPosition position, long settled) {
        /** The condition over a table aliased {@code alias}, in native SQL; its parameters are {@link #parameters}. */
        public static String sql(String alias) {
            return "(" + alias + ".change_txid, " + alias + ".change_seq) > (:afterTransaction, :afterSequence) and "
                    + alias + ".change_txid < :settled";
        }

        /** The same condition in HQL, over an entity's {@code changeTxid} and {@code changeSeq}. */
        public static final String HQL = "changeTxid >= :afterTransaction and changeTxid < :settled"
                + " and (changeTxid > :afterTransaction or changeSeq > :afterSequence)";

        /** The feed's order in HQL. */
        public static final String HQL_ORDER = "changeTxid, changeSeq";

        public Map<String, Object> parameters() {
            return Map.of("afterTransaction", position.transaction(), "afterSequence", position.sequence(),
                    "settled", settled);
        }
    }
}
