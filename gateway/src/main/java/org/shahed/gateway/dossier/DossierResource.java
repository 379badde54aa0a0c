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

import io.quarkus.security.identity.SecurityIdentity;
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
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

@Path("/api/v1/incidents/{id}/dossier")
@Tag(name = "Dossiers", description = "An incident's whole case in one answer, and as a signed packet")
public class DossierResource {
    private static final int PACKET_RECORDS = 500;

    @Inject
    DossierAssembler assembler;
    @Inject
    DossierPackets packets;
    @Inject
    SecurityIdentity identity;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.PARTNER, Roles.INGEST, Roles.ANALYST, Roles.REVIEWER, Roles.ADMIN })
    @Operation(summary = "The whole case: the incident, linked incidents, area control, perpetrators with their claims,"
            + " testimonies, legal qualifications with their evidence, casualty counts and records, media, reports",
            description = "Fetched from the services with the caller's token, so each part is redacted for the caller's"
                    + " role as the service itself would (a part the role may not read is absent). The first page of"
                    + " casualties and media is included; their `next` cursors continue at GET /api/v1/casualties?incidentId="
                    + " and GET /api/v1/media?incidentId=. `version` (also the ETag) is a hash of the content: it moves"
                    + " when anything in the dossier changes, and If-None-Match with it answers 304 while nothing has. A"
                    + " part whose service failed is absent and named in `incomplete`; an incident that cannot be read is"
                    + " answered as incident-service answered it.")
    @APIResponse(responseCode = "200", description = "The dossier",
            content = @Content(schema = @Schema(implementation = Dossier.class)))
    @APIResponse(responseCode = "304", description = "Nothing changed since the version named in If-None-Match")
    public Uni<Response> get(@PathParam("id") UUID id,
            @Parameter(description = "Casualty records included, 1 to 500") @QueryParam("casualtyLimit") @DefaultValue("100") @Min(1) @Max(500) int casualtyLimit,
            @Parameter(description = "Media included, 1 to 500") @QueryParam("mediaLimit") @DefaultValue("50") @Min(1) @Max(500) int mediaLimit,
            @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch,
            @HeaderParam("Authorization") String authorization, @HeaderParam("X-Request-Id") String requestId) {
        return Uni.createFrom().completionStage(() -> assembler.assemble(id, authorization, requestId, casualtyLimit,
                mediaLimit).toCompletionStage()).map(dossier -> {
                    if (dossier.failure() != null) {
                        return failed(dossier.failure());
                    }
                    EntityTag tag = new EntityTag(dossier.version());
                    if (ifNoneMatch != null && (ifNoneMatch.contains("\"" + dossier.version() + "\"")
                            || ifNoneMatch.trim().equals("*"))) {
                        return Response.notModified(tag).build();
                    }
                    return Response.ok(dossier.body(), MediaType.APPLICATION_JSON).tag(tag).build();
                });
    }

    @GET
    @Path("packet")
    @Produces("application/zip")
    @RolesAllowed({ Roles.PARTNER, Roles.INGEST, Roles.ANALYST, Roles.REVIEWER, Roles.ADMIN })
    @Operation(summary = "The dossier as a signed ZIP a court can verify offline",
            description = "dossier.json (up to 500 casualty records and 500 media), dossier.en.html and dossier.ar.html,"
                    + " the evidence packet of every media asset the caller may receive (originals for analysts, reviewers"
                    + " and admins; previews cleared for sharing otherwise; what is refused is listed in the manifest's"
                    + " `omitted`), signing-key.jwk, manifest.json with every file's SHA-256 and size, and manifest.jws,"
                    + " a detached JWS (RS256) of manifest.json by the key published at GET /api/v1/dossier-signing-keys."
                    + " Check it with `shahed verify`.")
    @APIResponse(responseCode = "200", description = "The packet",
            content = @Content(mediaType = "application/zip", schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING, format = "binary")))
    public Response packet(@PathParam("id") UUID id, @HeaderParam("Authorization") String authorization,
            @HeaderParam("X-Request-Id") String requestId) {
        DossierAssembler.Assembled dossier = assembler.assemble(id, authorization, requestId, PACKET_RECORDS,
                PACKET_RECORDS).toCompletionStage().toCompletableFuture().join();
        if (dossier.failure() != null) {
            return failed(dossier.failure());
        }
        boolean originals = identity.hasRole(Roles.ANALYST) || identity.hasRole(Roles.REVIEWER)
                || identity.hasRole(Roles.ADMIN);
        DossierPackets.Packet packet = packets.prepare(dossier.body(), authorization, requestId, originals);
        return Response.ok(packet.body(), "application/zip").tag(new EntityTag(dossier.version()))
                .header("Content-Disposition", "attachment; filename=\"" + packet.fileName() + "\"").build();
    }

    private static Response failed(DossierAssembler.Part incident) {
        int status = incident.status() >= 500 ? 502 : incident.status();
        return Response.status(status).type(Problem.MEDIA_TYPE).entity(incident.body()).build();
    }

    /** The shape of a dossier, for the OpenAPI document (each part is the owning service's own representation). */
    @Schema(name = "Dossier")
    public record Dossier(
            @Schema(description = "The incident's id") UUID incidentId,
            @Schema(description = "SHA-256 of the content; the ETag") String version,
            @Schema(description = "When the dossier was put together, UTC") String asOf,
            @Schema(description = "As GET /api/v1/incidents/{id}") Object incident,
            @Schema(description = "{items, next}: each link of GET /api/v1/incidents/{id}/links with a summary of the incident at its other end") Object linkedIncidents,
            @Schema(description = "{items, next}: the periods of GET /api/v1/area-control in force on the incident's date, for each of its areas") Object areaControl,
            @Schema(description = "{items, next}: the incident's perpetrators, each with the claims it cites, quoted with their source") Object perpetrators,
            @Schema(description = "As GET /api/v1/incidents/{id}/testimonies") Object testimonies,
            @Schema(description = "As GET /api/v1/incidents/{id}/legal-qualifications, each evidence with `resolved`: what it points at, where the caller may read it") Object legalQualifications,
            @Schema(description = "As GET /api/v1/casualty-counts/{incidentId}") Object casualtyCounts,
            @Schema(description = "The first page of GET /api/v1/casualties?incidentId={id}") Object casualties,
            @Schema(description = "The first page of GET /api/v1/media?incidentId={id}") Object media,
            @Schema(description = "As GET /api/v1/reports?incidentId={id}") Object reports,
            @Schema(description = "Parts that could not be fetched: part, backend, status, detail") List<Object> incomplete) {
    }
}
