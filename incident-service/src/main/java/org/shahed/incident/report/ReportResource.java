package org.shahed.incident.report;

import org.shahed.platform.store.History;
import java.net.URI;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.shahed.platform.security.Roles;
import org.shahed.platform.web.Page;
import org.shahed.platform.web.ETags;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

@Path("/api/v1/reports")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Reports", description = "Published documents bundling incidents, conclusions and recommendations")
public class ReportResource {
    @Inject
    Reports reports;

    @GET
    @RolesAllowed({ Roles.PARTNER, Roles.ANALYST, Roles.REVIEWER, Roles.ADMIN })
    @Operation(summary = "Reports, newest first (partners: published ones)")
    public Page<ReportView> list(
            @Parameter(description = "Only the reports that cite this incident") @QueryParam("incidentId") UUID incidentId,
            @Parameter(description = "Cursor from the previous page's `next`") @QueryParam("cursor") String cursor,
            @Parameter(description = Page.LIMIT) @QueryParam("limit") @DefaultValue("50") int limit) {
        return reports.page(incidentId, cursor, Page.limit(limit));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.ANALYST, Roles.REVIEWER })
    @Operation(summary = "Draft a report")
    public Response create(@NotNull @Valid ReportInput input) {
        Report report = reports.create(input);
        return Response.created(URI.create("/api/v1/reports/" + report.id)).tag(ETags.of(report.version))
                .entity(reports.view(report)).build();
    }

    @GET
    @Path("{id}")
    @RolesAllowed({ Roles.PARTNER, Roles.ANALYST, Roles.REVIEWER, Roles.ADMIN })
    @Operation(summary = "One report")
    public Response get(@PathParam("id") UUID id) {
        Report report = reports.visible(id);
        return Response.ok(reports.view(report)).tag(ETags.of(report.version)).build();
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.ANALYST, Roles.REVIEWER })
    @Operation(summary = "Replace a report (If-Match required)")
    public Response replace(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @NotNull @Valid ReportInput input) {
        Report report = reports.replace(id, input, ifMatch);
        return Response.ok(reports.view(report)).tag(ETags.of(report.version)).build();
    }

    @POST
    @Path("{id}/publish")
    @RolesAllowed(Roles.REVIEWER)
    @Operation(summary = "Publish a report whose incidents are all published")
    public Response publish(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        Report report = reports.publishReport(id, ifMatch);
        return Response.ok(reports.view(report)).tag(ETags.of(report.version)).build();
    }

    @GET
    @Path("{id}/history")
    @RolesAllowed({ Roles.ANALYST, Roles.REVIEWER, Roles.ADMIN })
    @Operation(summary = "Every state of a report, oldest first, with who changed it")
    public Page<History.Revision> history(@PathParam("id") UUID id,
            @Parameter(description = "Cursor from the previous page's `next`") @QueryParam("cursor") String cursor,
            @Parameter(description = Page.LIMIT) @QueryParam("limit") @DefaultValue("100") int limit) {
        return reports.history(id, cursor, limit);
    }
}
