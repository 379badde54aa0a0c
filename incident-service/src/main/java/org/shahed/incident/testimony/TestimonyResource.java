package org.shahed.incident.testimony;

import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.shahed.platform.store.History;
import java.net.URI;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.shahed.platform.security.Roles;
import org.shahed.platform.web.Page;
import org.shahed.platform.web.ETags;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

@Path("/api/v1/incidents/{incidentId}/testimonies")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Testimonies", description = "What witnesses said, with consent; identities are protected")
public class TestimonyResource {
    @Inject
    Testimonies testimonies;

    @GET
    @RolesAllowed({ Roles.PARTNER, Roles.ANALYST, Roles.REVIEWER, Roles.ADMIN })
    @Operation(summary = "Testimonies of an incident this caller may read")
    public Page<TestimonyView> list(@PathParam("incidentId") UUID incidentId) {
        return Page.whole(testimonies.of(incidentId).stream().map(testimonies::view).toList());
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.ANALYST, Roles.INGEST, Roles.REVIEWER })
    @Operation(summary = "Record a testimony")
    public Response add(@PathParam("incidentId") UUID incidentId, @NotNull @Valid TestimonyInput input) {
        Testimony testimony = testimonies.add(incidentId, input);
        return Response.created(URI.create("/api/v1/incidents/" + incidentId + "/testimonies/" + testimony.id))
                .tag(ETags.of(testimony.version)).entity(testimonies.view(testimony)).build();
    }

    @GET
    @Path("{id}")
    @RolesAllowed({ Roles.PARTNER, Roles.ANALYST, Roles.REVIEWER, Roles.ADMIN })
    @Operation(summary = "One testimony")
    public Response get(@PathParam("incidentId") UUID incidentId, @PathParam("id") UUID id) {
        Testimony testimony = testimonies.get(incidentId, id);
        return Response.ok(testimonies.view(testimony)).tag(ETags.of(testimony.version)).build();
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.ANALYST, Roles.REVIEWER })
    @Operation(summary = "Replace a testimony (If-Match required)")
    public Response replace(@PathParam("incidentId") UUID incidentId, @PathParam("id") UUID id,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, @NotNull @Valid TestimonyInput input) {
        Testimony testimony = testimonies.replace(incidentId, id, input, ifMatch);
        return Response.ok(testimonies.view(testimony)).tag(ETags.of(testimony.version)).build();
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed({ Roles.ANALYST, Roles.REVIEWER })
    @Operation(summary = "Remove a testimony (soft; If-Match required)")
    public void remove(@PathParam("incidentId") UUID incidentId, @PathParam("id") UUID id,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        testimonies.remove(incidentId, id, ifMatch);
    }

    @GET
    @Path("{id}/history")
    @RolesAllowed({ Roles.ANALYST, Roles.REVIEWER, Roles.ADMIN })
    @Operation(summary = "Every state of a testimony, oldest first, with who changed it (witness identity included: staff only)")
    public Page<History.Revision> history(@PathParam("incidentId") UUID incidentId, @PathParam("id") UUID id,
            @Parameter(description = "Cursor from the previous page's `next`") @QueryParam("cursor") String cursor,
            @Parameter(description = Page.LIMIT) @QueryParam("limit") @DefaultValue("100") int limit) {
        return testimonies.history(incidentId, id, cursor, limit);
    }
}
