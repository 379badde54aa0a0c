package org.shahed.casualty.record;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.shahed.platform.security.Audience;
import org.shahed.platform.security.Roles;
import org.shahed.platform.web.Caller;
import org.shahed.platform.store.ChangeFeed;
import org.shahed.platform.store.FeedPosition;
import org.shahed.platform.web.Page;

import com.fasterxml.jackson.annotation.JsonInclude;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** Incremental sync of casualty records, with tombstones for deleted and merged ones. */
@Path("/api/v1/casualties/changes")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Casualties")
public class CasualtyChangesResource {
    static final String KIND = "casualty-changes";

    @Inject
    ChangeFeed changeFeed;
    @Inject
    CasualtyMapper mapper;
    @Inject
    Caller caller;
    @Inject
    CasualtyDisclosure disclosure;
    @Inject
    CasualtySearch search;

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "CasualtyChange")
    public record ChangeView(UUID id, String reference, String change, boolean tombstone, Instant changedAt,
            @Schema(description = "For a merged record, the record it was merged into") UUID survivorId,
            @Schema(description = "The record now; absent on tombstones") CasualtyView record) {
    }

    @GET
    @RolesAllowed({ Roles.PARTNER, Roles.INGEST, Roles.ANALYST, Roles.REVIEWER, Roles.ADMIN })
    @Operation(summary = "Records changed since a cursor, each once with its latest state",
            description = "`next` is always present: pass it as `cursor` to resume; `hasMore` says whether more follow now. Partners receive the records of "
                    + "published incidents; a record they received before and may no longer read (its incident "
                    + "retracted, merged or deleted, the record moved, deleted or merged) comes as a tombstone.")
    public Page<ChangeView> changes(
            @Parameter(description = "Cursor from a previous `next`; absent to start from the beginning") @QueryParam("cursor") String cursor,
            @Parameter(description = "The older name of `cursor`", deprecated = true) @QueryParam("since") String since,
            @QueryParam("limit") @DefaultValue("100") int limit) {
        Audience audience = caller.audience();
        Map<String, Object> parameters = new HashMap<>();
        String feed = disclosure.feedOf(audience, parameters);
        ChangeFeed.FeedPage<CasualtySearch.Listed> page = changeFeed.read(KIND, ChangeFeed.cursor(cursor, since), limit,
                (after, max) -> search.listedAfter(feed, parameters, after, max), listed -> FeedPosition.of(listed.casualty()));
        Set<UUID> published = disclosure.published(page.items().stream().map(l -> l.casualty().incidentId).toList());
        List<ChangeView> items = page.items().stream().map(listed -> {
            Casualty c = listed.casualty();
            boolean readable = audience.seesUnpublished() || audience.owns(c.organisation) || published.contains(c.incidentId);
            boolean tombstone = c.isDeleted() || c.mergedInto != null || !readable;
            String change = !readable && !c.isDeleted() && c.mergedInto == null ? "withdrawn" : c.lastChange;
            return new ChangeView(c.id, c.reference, change, tombstone, c.updatedAt, c.mergedInto,
                    tombstone ? null : mapper.view(c, audience, listed.incidentStatus()));
        }).toList();
        return new Page<>(items, page.next(), page.hasMore());
    }
}
