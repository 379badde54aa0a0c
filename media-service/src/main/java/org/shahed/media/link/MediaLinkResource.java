package org.shahed.media.link;

import java.net.URI;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.shahed.media.asset.MediaView;
import org.shahed.platform.security.Roles;
import org.shahed.platform.web.Caller;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

@Path("/api/v1/media/{id}/links")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Media")
public class MediaLinkResource {
    @Inject
    MediaLinks links;
    @Inject
    Caller caller;

    @Schema(name = "MediaLinkInput")
    public record LinkInput(
            @NotNull @Pattern(regexp = "incident|casualty", message = "incident or casualty") String targetType,
            @NotNull UUID targetId,
            @NotBlank @Size(max = 2000) @Schema(description = "Why the file documents it") String reason) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.INGEST, Roles.ANALYST, Roles.REVIEWER })
    @Operation(summary = "Link the file to an incident or a casualty record, saying why",
            description = "A record not known to the media service yet (its event still on its way, or the file "
                    + "documented before the incident) is linked all the same, its `targetStatus` `pending` until its "
                    + "event comes; a deleted record is refused.")
    public Response link(@PathParam("id") UUID id, @NotNull @Valid LinkInput input) {
        MediaLink link = links.link(id, input.targetType(), input.targetId(), input.reason(), caller.name());
        return Response.created(URI.create("/api/v1/media/" + id + "/links/" + link.id))
                .entity(new MediaView.LinkView(link.id, link.targetType, link.targetId, link.reason, null, link.createdAt)).build();
    }

    @DELETE
    @Path("{linkId}")
    @RolesAllowed({ Roles.ANALYST, Roles.REVIEWER })
    @Operation(summary = "Remove a link (kept in the history and the custody log)")
    public void unlink(@PathParam("id") UUID id, @PathParam("linkId") UUID linkId) {
        links.unlink(id, linkId, caller.name());
    }
}
