package org.shahed.media.upload;

import java.io.File;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.shahed.media.asset.MediaDescription;
import org.shahed.media.asset.MediaMapper;
import org.shahed.platform.security.Roles;
import org.shahed.platform.web.Caller;
import org.shahed.platform.web.ETags;
import org.shahed.platform.web.Problems;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

@Path("/api/v1/media/uploads")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Media uploads", description = "Resumable uploads of large files in parts")
public class UploadResource {
    @Inject
    ResumableUploads uploads;
    @Inject
    MediaMapper mapper;
    @Inject
    Caller caller;

    @Schema(name = "UploadOpening")
    public record OpeningInput(
            @NotNull @Positive Long totalBytes,
            @Schema(description = "Bytes per part (1 MiB to 1 GiB; default 64 MiB); the last part has the rest") Long partBytes,
            @Size(max = 255) String fileName,
            @Size(max = 100) String contentType,
            @Pattern(regexp = "[0-9a-fA-F]{64}", message = "64 hexadecimal digits") String sha256,
            @Valid MediaDescription.Acquisition acquisition) {
    }

    @Schema(name = "Upload")
    public record SessionView(UUID id, String status, long totalBytes, long partBytes, int partCount,
            List<Integer> receivedParts, long receivedBytes, Instant expiresAt,
            @Schema(description = "The media made of it, once completed") UUID mediaId) {
        static SessionView of(UploadSession session, List<UploadPart> parts) {
            return new SessionView(session.id, session.status, session.totalBytes, session.partBytes, session.partCount(),
                    parts.stream().map(p -> p.number).toList(), parts.stream().mapToLong(p -> p.sizeBytes).sum(),
                    session.expiresAt, session.assetId);
        }
    }

    @Schema(name = "UploadPart")
    public record PartView(int number, long sizeBytes, String sha256) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.INGEST, Roles.ANALYST, Roles.REVIEWER })
    @Operation(summary = "Open a resumable upload", description = "Then PUT each part to `parts/{number}`, GET the session "
            + "to see which arrived (to resume after a cut), and POST `complete`. Parts not completed within the "
            + "session's lifetime are removed.")
    public Response open(@NotNull @Valid OpeningInput input) {
        UploadSession session = uploads.open(new ResumableUploads.Opening(input.totalBytes(), input.partBytes(),
                input.fileName(), input.contentType(), input.sha256(), input.acquisition()), caller.name());
        return Response.created(URI.create("/api/v1/media/uploads/" + session.id))
                .entity(SessionView.of(session, List.of())).build();
    }

    @GET
    @Path("{id}")
    @RolesAllowed({ Roles.INGEST, Roles.ANALYST, Roles.REVIEWER })
    @Operation(summary = "The session: which parts arrived")
    public SessionView get(@PathParam("id") UUID id) {
        return SessionView.of(uploads.session(id, caller.name()), uploads.parts(id));
    }

    @PUT
    @Path("{id}/parts/{number}")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed({ Roles.INGEST, Roles.ANALYST, Roles.REVIEWER })
    @Operation(summary = "Send one part (the raw bytes); sending a part again replaces it")
    public PartView part(@PathParam("id") UUID id, @PathParam("number") int number, File body) {
        if (body == null) {
            throw Problems.invalidField("body", "the part is empty");
        }
        UploadPart part = uploads.putPart(id, number, body.toPath(), caller.name());
        return new PartView(part.number, part.sizeBytes, part.sha256);
    }

    @POST
    @Path("{id}/complete")
    @RolesAllowed({ Roles.INGEST, Roles.ANALYST, Roles.REVIEWER })
    @Operation(summary = "Join the parts and store the file as evidence (201, or 200 when the same bytes exist)")
    public Response complete(@PathParam("id") UUID id) {
        Uploads.Stored stored = uploads.complete(id, caller.name(), caller.organisation());
        Response.ResponseBuilder response = stored.isNew()
                ? Response.created(URI.create("/api/v1/media/" + stored.asset().id))
                : Response.ok().location(URI.create("/api/v1/media/" + stored.asset().id));
        return response.entity(mapper.view(stored.asset(), caller.audience()))
                .tag(ETags.of(stored.asset().version)).build();
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed({ Roles.INGEST, Roles.ANALYST, Roles.REVIEWER })
    @Operation(summary = "Abandon the upload; its parts are removed")
    public void abort(@PathParam("id") UUID id) {
        uploads.abort(id, caller.name());
    }
}
