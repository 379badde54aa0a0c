package org.shahed.platform.web;

import java.util.List;

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
}
