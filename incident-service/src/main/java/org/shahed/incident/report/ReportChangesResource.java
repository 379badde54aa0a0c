package org.shahed.incident.report;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.shahed.platform.security.Roles;
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
 * Incremental sync of reports: every report changed since a cursor, each once with its latest
 * state. Start without a cursor; keep the returned {@code next} and ask again with it.
 */
@Path("/api/v1/reports/changes")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Reports")
public class ReportChangesResource {
    @Inject
    Reports reports;

    @GET
    @RolesAllowed({ Roles.PARTNER, Roles.ANALYST, Roles.REVIEWER, Roles.ADMIN })
    @Operation(summary = "Reports changed since a cursor (created, updated, published)",
            description = "`next` is always present: pass it as `cursor` to resume; `hasMore` says whether more follow now. Partners see published reports only, from their publication on.")
    public Page<ReportChangeView> changes(
            @Parameter(description = "Cursor from a previous `next`; absent to start from the beginning") @QueryParam("cursor") String cursor,
            @Parameter(description = Page.LIMIT) @QueryParam("limit") @DefaultValue("100") int limit) {
        return reports.changes(cursor, Page.limit(limit));
    }
}
