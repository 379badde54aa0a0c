package org.shahed.media.export;

import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.shahed.platform.security.Roles;
import org.shahed.platform.web.Caller;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

/** An evidence packet of one media asset as a ZIP download (see {@link EvidencePackets}). */
@Path("/api/v1/media/{id}/evidence-packet")
@Tag(name = "Media custody")
public class EvidencePacketResource {
    @Inject
    EvidencePackets packets;
    @Inject
    Caller caller;

    @GET
    @Produces("application/zip")
    @RolesAllowed({ Roles.PARTNER, Roles.ANALYST, Roles.REVIEWER, Roles.ADMIN })
    @Operation(summary = "A ZIP with the file, its record, its chain of custody and SHA256SUMS",
            description = "`original` for roles that may see protected material; partners get `preview` of files cleared for sharing.")
    public Response packet(@PathParam("id") UUID id,
            @Parameter(description = "original or preview") @QueryParam("variant") @DefaultValue("original") String variant) {
        EvidencePackets.Packet packet = packets.prepare(id, variant, caller.audience(), caller.name());
        return Response.ok(packet.body(), "application/zip")
                .header("Content-Disposition", "attachment; filename=\"" + packet.fileName() + "\"").build();
    }
}
