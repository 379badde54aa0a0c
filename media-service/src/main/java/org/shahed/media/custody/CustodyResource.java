package org.shahed.media.custody;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.shahed.media.asset.MediaAsset;
import org.shahed.media.asset.MediaAssets;
import org.shahed.media.asset.MediaDisclosure;
import org.shahed.platform.security.Roles;
import org.shahed.platform.web.Caller;
import org.shahed.platform.web.Problems;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

@Path("/api/v1/media/{id}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Media custody", description = "Chain of custody and fixity of evidence files")
public class CustodyResource {
    @Inject
    CustodyLog custody;
    @Inject
    FixityChecks fixity;
    @Inject
    MediaAssets assets;
    @Inject
    Caller caller;
    @Inject
    MediaDisclosure disclosure;
    @Inject
    ObjectMapper json;

    @Schema(name = "CustodyEntry")
    public record EntryView(int position, String action, String actor, Instant at, JsonNode details,
            String previousHash, String entryHash) {
    }

    @Schema(name = "CustodyLog")
    public record LogView(UUID assetId, CustodyLog.Check check, List<EntryView> entries) {
    }

    @GET
    @Path("custody")
    @RolesAllowed({ Roles.ANALYST, Roles.REVIEWER, Roles.ADMIN })
    @Operation(summary = "The chain of custody, oldest first, and whether its hash chain is intact",
            description = "Each entry's hash is SHA-256 over the previous entry's hash, the asset id, position, action, "
                    + "actor, time and details, one per line: anyone can recompute it.")
    public LogView log(@PathParam("id") UUID id) {
        assets.live(id);
        List<EntryView> entries = custody.of(id).stream().map(e -> new EntryView(e.position, e.action, e.actor, e.at,
                read(e.details), e.previousHash, e.entryHash)).toList();
        return new LogView(id, custody.verify(id), entries);
    }

    @POST
    @Path("fixity-check")
    @RolesAllowed({ Roles.ANALYST, Roles.REVIEWER, Roles.ADMIN })
    @Operation(summary = "Read the original back from storage, hash it again and record the result")
    public FixityChecks.Result check(@PathParam("id") UUID id) {
        return fixity.check(id, caller.name());
    }

    @GET
    @Path("timestamp")
    @Produces("application/timestamp-reply")
    @RolesAllowed({ Roles.PARTNER, Roles.INGEST, Roles.ANALYST, Roles.REVIEWER, Roles.ADMIN })
    @Operation(summary = "The RFC 3161 time-stamp response over the original's SHA-256",
            description = "Check it with `openssl ts -verify -in timestamp.tsr -data original -CAfile tsa.pem`.")
    public Response timestamp(@PathParam("id") UUID id) {
        MediaAsset asset = disclosure.readable(caller.audience(), id);
        if (asset.timestampResponse == null) {
            throw Problems.notFound("trusted timestamp of media " + id);
        }
        return Response.ok(asset.timestampResponse, "application/timestamp-reply")
                .header("Content-Disposition", "attachment; filename=\"" + asset.reference + ".tsr\"").build();
    }

    private JsonNode read(String details) {
        try {
            return json.readTree(details);
        } catch (Exception e) {
            return json.getNodeFactory().textNode(details);
        }
    }
}
