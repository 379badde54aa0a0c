package org.shahed.platform.web;

import java.util.List;
import java.util.function.Function;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One page of a list or of a changes feed, the one paging contract of the API: pass {@code next} back unchanged as
 * {@code ?cursor=}, and stop when {@code hasMore} is false. A list's {@code next} is absent on its last page; a
 * changes feed's is always present, so that a client at the end resumes from there later. Cursors stay valid
 * however many items are added meanwhile.
 */
@Schema(description = "One page: pass `next` back as `cursor`; `hasMore` false means this was the last page for now")
public record Page<T>(
        @Schema(description = "The items of this page, in the requested order") List<T> items,
        @Schema(description = "Cursor of the next page, for `?cursor=`. Lists: absent on the last page. Changes "
                + "feeds: always present, to resume from later") String next,
        @Schema(description = "Whether more items follow now: false on the last page (a feed may grow later)") boolean hasMore) {

    /** A page of a list: more follow exactly when there is a next cursor. */
    public Page(List<T> items, String next) {
        this(items, next, next != null);
    }

    /** A list that is always whole in one page (a few items by nature, such as the testimonies of an incident). */
    public static <T> Page<T> whole(List<T> items) {
        return new Page<>(items, null, false);
    }

    /**
     * The page of {@code fetched} (read with one item more than {@code limit}, to know whether more follow), its
     * next cursor made from the last item shown.
     */
    public static <E, T> Page<T> of(List<E> fetched, int limit, Function<E, String> cursorOf,
            Function<E, T> view) {
        List<E> shown = fetched.size() > limit ? fetched.subList(0, limit) : fetched;
        String next = fetched.size() > limit ? cursorOf.apply(shown.get(limit - 1)) : null;
        return new Page<>(shown.stream().map(view).toList(), next);
    }

    /** The largest page of every list and feed: one rule for all. */
    public static final int MAX = 500;
    /** The description of every list's {@code limit} parameter. */
    public static final String LIMIT = "Page size, 1 to " + MAX;

    /** The page size a list was asked for, checked: a 400 naming {@code limit} outside 1 to {@link #MAX}. */
    public static int limit(int limit) {
        if (limit < 1 || limit > MAX) {
            throw Problems.invalidParameter("limit", "between 1 and " + MAX);
        }
        return limit;
    }
}
