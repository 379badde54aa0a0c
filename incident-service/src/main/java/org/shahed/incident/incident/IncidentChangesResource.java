package org.shahed.incident.incident;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.shahed.platform.security.Audience;
import org.shahed.platform.security.Roles;
import org.shahed.platform.web.Caller;
import org.shahed.platform.store.ChangeFeed;
import org.shahed.platform.store.FeedPosition;
import org.shahed.platform.web.Page;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/**
 * Incremental sync: everything that changed since a cursor, each incident once with its latest
 * state, tombstones included. Start without {@code since}; keep the returned {@code next} and ask again with it.
 */
@Path("/api/v1/incidents/changes")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Incidents")
public class IncidentChangesResource {
    static final String KIND = "incident-changes";

    @Inject
    ChangeFeed changeFeed;
    @Inject
    IncidentMapper mapper;
    @Inject
    Caller caller;
    @Inject
    IncidentDisclosure disclosure;

    @GET
    @RolesAllowed({ Roles.PARTNER, Roles.INGEST, Roles.ANALYST, Roles.REVIEWER, Roles.ADMIN })
    @Operation(summary = "Changes since a cursor (created, updated, published, merged, retracted, deleted)",
            description = "`next` is always present: pass it as `cursor` to resume; `hasMore` says whether more follow now. Partners see only incidents that were published; those retracted, merged or deleted afterwards come as tombstones.")
    public Page<ChangeView> changes(
            @Parameter(description = "Cursor from a previous `next`; absent to start from the beginning") @QueryParam("cursor") String cursor,
            @Parameter(description = "The older name of `cursor`", deprecated = true) @QueryParam("since") String since,
            @Parameter(description = Page.LIMIT) @QueryParam("limit") @DefaultValue("100") int limit) {
        Audience audience = caller.audience();
        Map<String, Object> parameters = new HashMap<>();
        String feed = disclosure.feedOf(audience, parameters);
        ChangeFeed.FeedPage<Incident> page = changeFeed.read(KIND, ChangeFeed.cursor(cursor, since), limit, (after, max) -> {
            Map<String, Object> all = new HashMap<>(parameters);
            all.putAll(after.parameters());
            return Incident.<Incident>find(FeedPosition.After.HQL + " and " + feed + " order by "
                    + FeedPosition.After.HQL_ORDER, all).page(0, max).list();
        }, FeedPosition::of);
        List<ChangeView> items = page.items().stream().map(incident -> toChange(incident, audience)).toList();
        return new Page<>(items, page.next(), page.hasMore());
    }

    private ChangeView toChange(Incident incident, Audience audience) {
        Status status = incident.statusValue();
        boolean readable = !incident.isDeleted() && disclosure.reads(audience, incident);
        boolean tombstone = incident.isDeleted() || status == Status.RETRACTED || status == Status.MERGED || !readable;
        String change = incident.lastChange;
        if (!readable && !List.of("retracted", "merged", "deleted").contains(change)) {
            change = "withdrawn";
        }
        return new ChangeView(incident.id, incident.reference, change, tombstone, incident.updatedAt,
                incident.mergedInto, status == Status.RETRACTED ? incident.retractionReason : null,
                tombstone ? null : mapper.view(incident, audience));
    }
}
