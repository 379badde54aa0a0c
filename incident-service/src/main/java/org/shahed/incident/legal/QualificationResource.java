package org.shahed.incident.legal;

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

@Path("/api/v1/incidents/{incidentId}/legal-qualifications")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Legal qualifications", description = "What an incident amounts to in law, element by element")
public class QualificationResource {
    @Inject
    Qualifications qualifications;

    @GET
    @RolesAllowed({ Roles.PARTNER, Roles.ANALYST, Roles.REVIEWER, Roles.ADMIN })
    @Operation(summary = "Legal qualifications of an incident")
    public Page<QualificationView> list(@PathParam("incidentId") UUID incidentId) {
        return Page.whole(qualifications.of(incidentId).stream().map(qualifications::view).toList());
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.ANALYST, Roles.REVIEWER })
    @Operation(summary = "Add a legal qualification")
    public Response add(@PathParam("incidentId") UUID incidentId, @NotNull @Valid QualificationInput input) {
        LegalQualification qualification = qualifications.add(incidentId, input);
        return Response.created(URI.create("/api/v1/incidents/" + incidentId + "/legal-qualifications/" + qualification.id))
                .tag(ETags.of(qualification.version)).entity(qualifications.view(qualification)).build();
    }

    @GET
    @Path("{id}")
    @RolesAllowed({ Roles.PARTNER, Roles.ANALYST, Roles.REVIEWER, Roles.ADMIN })
    @Operation(summary = "One legal qualification")
    public Response get(@PathParam("incidentId") UUID incidentId, @PathParam("id") UUID id) {
        LegalQualification qualification = qualifications.get(incidentId, id);
        return Response.ok(qualifications.view(qualification)).tag(ETags.of(qualification.version)).build();
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.ANALYST, Roles.REVIEWER })
    @Operation(summary = "Replace a legal qualification (If-Match required)")
    public Response replace(@PathParam("incidentId") UUID incidentId, @PathParam("id") UUID id,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, @NotNull @Valid QualificationInput input) {
        LegalQualification qualification = qualifications.replace(incidentId, id, input, ifMatch);
        return Response.ok(qualifications.view(qualification)).tag(ETags.of(qualification.version)).build();
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed({ Roles.ANALYST, Roles.REVIEWER })
    @Operation(summary = "Remove a legal qualification (soft; If-Match required)")
    public void remove(@PathParam("incidentId") UUID incidentId, @PathParam("id") UUID id,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        qualifications.remove(incidentId, id, ifMatch);
    }

    @GET
    @Path("{id}/history")
    @RolesAllowed({ Roles.ANALYST, Roles.REVIEWER, Roles.ADMIN })
    @Operation(summary = "Every state of a legal qualification, oldest first, with who changed it")
    public Page<History.Revision> history(@PathParam("incidentId") UUID incidentId, @PathParam("id") UUID id,
            @Parameter(description = "Cursor from the previous page's `next`") @QueryParam("cursor") String cursor,
            @Parameter(description = Page.LIMIT) @QueryParam("limit") @DefaultValue("100") int limit) {
        return qualifications.history(incidentId, id, cursor, limit);
    }
}
