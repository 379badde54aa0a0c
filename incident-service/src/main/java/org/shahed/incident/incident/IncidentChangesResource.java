package org.shahed.incident.incident;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.shahed.platform.security.Roles;
import org.shahed.platform.web.Caller;
import org.shahed.platform.web.Cursors;
import org.shahed.platform.web.Page;
import org.shahed.platform.web.Problems;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/**
 * Incremental sync: everything that changed since a cursor, in commit order, each incident once with its latest
 * state, tombstones included. Start without {@code since}; keep the returned {@code next} and ask again with it.
 */
@Path("/api/v1/incidents/changes")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Incidents")
public class IncidentChangesResource {
    private static final String KIND = "incident-changes";

    @Inject
    IncidentMapper mapper;
    @Inject
    Caller caller;

    @GET
    @RolesAllowed({ Roles.PARTNER, Roles.INGEST, Roles.ANALYST, Roles.REVIEWER, Roles.ADMIN })
    @Operation(summary = "Changes since a cursor (created, updated, published, merged, retracted, deleted)",
            description = "`next` is always present: pass it as `since` to resume. Partners see only incidents that were published; those retracted, merged or deleted afterwards come as tombstones.")
    public Page<ChangeView> changes(
            @Parameter(description = "Cursor from a previous response's `next`; absent to start from the beginning") @QueryParam("since") String since,
            @Parameter(description = "Page size, 1 to 500") @QueryParam("limit") @DefaultValue("100") int limit) {
        if (limit < 1 || limit > 500) {
            throw Problems.invalidParameter("limit", "between 1 and 500");
        }
        long after = Cursors.decodePosition(KIND, since, "since");
        boolean partner = caller.seesPublishedOnly();
        String visible = partner ? " and published_at is not null" : "";
        List<Incident> changed = Incident.<Incident>find("changeSeq > ?1" + visible.replace("published_at", "publishedAt")
                + " order by changeSeq", after).page(0, limit).list();
        long last = changed.isEmpty() ? after : changed.get(changed.size() - 1).changeSeq;
        List<ChangeView> items = changed.stream().map(incident -> toChange(incident, partner)).toList();
        return new Page<>(items, Cursors.encode(KIND, Long.toString(last)));
    }

    private ChangeView toChange(Incident incident, boolean partner) {
        Status status = incident.statusValue();
        boolean tombstone = incident.isDeleted() || status == Status.RETRACTED || status == Status.MERGED
                || partner && status != Status.PUBLISHED;
        String change = incident.lastChange;
        if (partner && tombstone && !List.of("retracted", "merged", "deleted").contains(change)) {
            change = "withdrawn";
        }
        return new ChangeView(incident.id, incident.reference, change, tombstone, incident.updatedAt,
                incident.mergedInto, status == Status.RETRACTED ? incident.retractionReason : null,
                tombstone ? null : mapper.view(incident, partner));
    }
}
