package org.shahed.gateway.dossier;

import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.shahed.platform.security.Roles;
import org.shahed.platform.web.Problem;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

@Path("/api/v1/incidents/{id}/dossier")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Dossiers", description = "An incident with its casualties and evidence in one answer")
public class DossierResource {
    @Inject
    DossierAssembler assembler;
    @Inject
    ObjectMapper json;

    @GET
    @RolesAllowed({ Roles.PARTNER, Roles.INGEST, Roles.ANALYST, Roles.REVIEWER, Roles.ADMIN })
    @Operation(summary = "The incident, its casualty counts (named and reported), its casualty records and its media",
            description = "Fetched from the services at once with the caller's token, so each part is redacted for the"
                    + " caller's role as the service itself would. The first page of casualties and media is included;"
                    + " their `next` cursors continue at GET /api/v1/casualties?incidentId= and GET /api/v1/media?incidentId=."
                    + " A part whose service failed is absent and named in `incomplete`; an incident that cannot be"
                    + " read is answered as incident-service answered it.")
    @APIResponse(responseCode = "200", description = "The dossier",
            content = @Content(schema = @Schema(implementation = Dossier.class)))
    public Uni<Response> get(@PathParam("id") UUID id,
            @Parameter(description = "Casualty records included, 1 to 500") @QueryParam("casualtyLimit") @DefaultValue("100") @Min(1) @Max(500) int casualtyLimit,
            @Parameter(description = "Media included, 1 to 500") @QueryParam("mediaLimit") @DefaultValue("50") @Min(1) @Max(500) int mediaLimit,
            @HeaderParam("Authorization") String authorization, @HeaderParam("X-Request-Id") String requestId) {
        return Uni.createFrom().completionStage(() -> assembler.fetch(id, authorization, requestId, casualtyLimit, mediaLimit)
                .toCompletionStage()).map(this::respond);
    }

    private Response respond(List<DossierAssembler.Part> parts) {
        DossierAssembler.Part incident = parts.get(0);
        if (!incident.ok()) {
            int status = incident.status() >= 500 ? 502 : incident.status();
            return Response.status(status).type(Problem.MEDIA_TYPE).entity(incident.body()).build();
        }
        ObjectNode dossier = json.createObjectNode();
        var incomplete = json.createArrayNode();
        for (DossierAssembler.Part part : parts) {
            if (part.ok()) {
                dossier.set(part.name(), part.body());
            } else {
                incomplete.addObject().put("part", part.name()).put("backend", part.backend()).put("status", part.status())
                        .put("detail", part.body().path("detail").asText(null));
            }
        }
        if (!incomplete.isEmpty()) {
            dossier.set("incomplete", incomplete);
        }
        return Response.ok(dossier).build();
    }

    /** The shape of a dossier, for the OpenAPI document (each part is the owning service's own representation). */
    @Schema(name = "Dossier")
    public record Dossier(
            @Schema(description = "As GET /api/v1/incidents/{id}") Object incident,
            @Schema(description = "As GET /api/v1/casualty-counts/{incidentId}") Object casualtyCounts,
            @Schema(description = "The first page of GET /api/v1/casualties?incidentId={id}") Object casualties,
            @Schema(description = "The first page of GET /api/v1/media?incidentId={id}") Object media,
            @Schema(description = "Parts that could not be fetched: part, backend, status, detail") List<Object> incomplete) {
    }
}
