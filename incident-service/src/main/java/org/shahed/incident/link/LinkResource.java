package org.shahed.incident.link;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.shahed.incident.incident.Incident;
import org.shahed.incident.incident.IncidentDisclosure;
import org.shahed.incident.incident.Incidents;
import org.shahed.platform.security.Audience;
import org.shahed.platform.security.Roles;
import org.shahed.platform.web.Page;
import org.shahed.platform.web.Caller;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

@Path("/api/v1/incidents/{incidentId}/links")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Incident links", description = "Chains of events: follow-up strikes, same operation, duplicates")
public class LinkResource {
    @Inject
    LinkProposals links;
    @Inject
    Incidents incidents;
    @Inject
    Caller caller;
    @Inject
    IncidentDisclosure disclosure;

    @GET
    @RolesAllowed({ Roles.PARTNER, Roles.ANALYST, Roles.REVIEWER, Roles.ADMIN })
    @Operation(summary = "Links from and to an incident (partners: confirmed links between incidents they read, without notes)")
    public Page<LinkView> list(@PathParam("incidentId") UUID incidentId) {
        incidents.visible(incidentId);
        Audience audience = caller.audience();
        if (audience.isStaff()) {
            return Page.whole(links.of(incidentId).stream().map(LinkView::of).toList());
        }
        return Page.whole(links.of(incidentId).stream()
                .filter(link -> "confirmed".equals(link.status) && readable(link.fromIncident, audience)
                        && readable(link.toIncident, audience))
                .map(LinkView::withoutNote).toList());
    }

    private boolean readable(UUID incidentId, Audience audience) {
        Incident incident = Incident.findById(incidentId);
        return incident != null && !incident.isDeleted() && disclosure.reads(audience, incident);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.ANALYST, Roles.REVIEWER })
    @Operation(summary = "Link this incident to a later one")
    public Response add(@PathParam("incidentId") UUID incidentId, @NotNull @Valid LinkInput input) {
        incidents.visible(incidentId);
        IncidentLink link = links.add(incidentId, input, caller.name());
        return Response.created(URI.create("/api/v1/incidents/" + incidentId + "/links/" + link.id))
                .entity(LinkView.of(link)).build();
    }

    @PATCH
    @Path("{linkId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.ANALYST, Roles.REVIEWER })
    @Operation(summary = "Confirm or reject a proposed link")
    public LinkView decide(@PathParam("incidentId") UUID incidentId, @PathParam("linkId") UUID linkId,
            @NotNull @Valid LinkDecision decision) {
        return LinkView.of(links.decide(incidentId, linkId, decision));
    }
}
