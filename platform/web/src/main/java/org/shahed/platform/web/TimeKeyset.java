package org.shahed.platform.web;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Keyset paging of a list ordered by a time and then by id (incidents, reports, import jobs): the cursor holds the
 * time and id of the last item shown, and the next page starts strictly after it, however many items are added
 * meanwhile. The condition is a row comparison, which PostgreSQL answers from an index on (time, id) without
 * reading the pages before (HQL passes it through).
 */
public final class TimeKeyset {
    /** Newest first, the order of reports and jobs. */
    public static final boolean NEWEST_FIRST = false;

    private TimeKeyset() {
    }

    /**
     * The condition keeping the items after {@code cursor} (a cursor of {@code kind}; none: from the first), in
     * the order {@link #order} gives for {@code timeField} and {@code ascending}; its parameters are added to
     * {@code parameters}.
     */
    public static String after(String kind, String cursor, String timeField, boolean ascending,
            Map<String, Object> parameters) {
        if (cursor == null) {
            return "1 = 1";
        }
        List<String> position = Cursors.decode(kind, cursor, 2, "cursor");
        try {
            parameters.put("afterTime", Instant.parse(position.get(0)));
            parameters.put("afterId", UUID.fromString(position.get(1)));
        } catch (RuntimeException e) {
            throw Cursors.invalid("cursor");
        }
        return "(" + timeField + ", id) " + (ascending ? ">" : "<") + " (:afterTime, :afterId)";
    }

    /** The ordering {@link #after} pages through. */
    public static String order(String timeField, boolean ascending) {
        String direction = ascending ? " asc" : " desc";
        return " order by " + timeField + direction + ", id" + direction;
    }

    /** The cursor of the page after an item with this time and id. */
    public static String cursor(String kind, Instant time, UUID id) {
        return Cursors.encode(kind, time.toString(), id.toString());
    }
}
