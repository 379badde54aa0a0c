package org.shahed.media.asset;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.shahed.media.custody.CustodyLog;
import org.shahed.media.derivative.MediaDerivative;
import org.shahed.media.storage.ObjectStore;
import org.shahed.platform.security.Roles;
import org.shahed.platform.web.Caller;
import org.shahed.platform.web.Problem;
import org.shahed.platform.web.Problems;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

/**
 * The bytes of evidence files, streamed from the object store with HTTP Range support. Originals go only to roles
 * that may see protected material, and each download is written into the asset's chain of custody; partners get
 * the metadata-free derivatives of files cleared for sharing.
 */
@Path("/api/v1/media/{id}")
@Tag(name = "Media")
public class MediaContentResource {
    private static final String RANGE_HEADER = "One byte range, e.g. bytes=0-1023 or bytes=1024- (206 with Content-Range; 416 "
            + "beyond the end)";
    private static final Pattern RANGE = Pattern.compile("bytes=(\\d*)-(\\d*)");

    @Inject
    MediaAssets assets;
    @Inject
    ObjectStore store;
    @Inject
    CustodyLog custody;
    @Inject
    Caller caller;
    @Inject
    MediaDisclosure disclosure;

    @GET
    @Path("content")
    @RolesAllowed({ Roles.ANALYST, Roles.REVIEWER, Roles.ADMIN })
    @Operation(summary = "The original's bytes, unaltered (Range supported); the download is logged in the chain of custody")
    public Response content(@PathParam("id") UUID id,
            @Parameter(description = RANGE_HEADER) @HeaderParam("Range") String range) {
        MediaAsset asset = assets.live(id);
        long[] span = span(range, asset.sizeBytes);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("range", span == null ? "all" : span[0] + "-" + span[1]);
        QuarkusTransaction.requiringNew().run(() -> {
            assets.locked(id);
            custody.append(id, "accessed", caller.name(), details);
        });
        Response.ResponseBuilder response = stream(store.evidenceBucket(), asset.objectKey, asset.mediaType,
                asset.sizeBytes, span);
        return response.header("Content-Disposition", "attachment; filename=\"" + asciiName(asset) + "\"; filename*=UTF-8''"
                + URLEncoder.encode(asset.originalFileName, StandardCharsets.UTF_8).replace("+", "%20"))
                .header("Repr-Digest", "sha-256=:" + Base64.getEncoder().encodeToString(HexFormat.of().parseHex(asset.sha256)) + ":")
                .tag(asset.sha256).build();
    }

    @GET
    @Path("derivatives/{kind}")
    @RolesAllowed({ Roles.PARTNER, Roles.INGEST, Roles.ANALYST, Roles.REVIEWER, Roles.ADMIN })
    @Operation(summary = "A shareable copy (thumbnail or preview): re-encoded, without EXIF or GPS")
    public Response derivative(@PathParam("id") UUID id, @PathParam("kind") String kind,
            @Parameter(description = RANGE_HEADER) @HeaderParam("Range") String range) {
        MediaAsset asset = disclosure.readable(caller.audience(), id);
        if (!disclosure.readsCopies(caller.audience(), asset)) {
            throw Problems.notFound("derivative " + kind + " of media " + id);
        }
        MediaDerivative derivative = MediaDerivative.findById(new MediaDerivative.Key(id, kind));
        if (derivative == null) {
            throw Problems.notFound("derivative " + kind + " of media " + id);
        }
        return stream(store.workingBucket(), derivative.objectKey, derivative.mediaType, derivative.sizeBytes,
                span(range, derivative.sizeBytes)).tag(derivative.sha256).build();
    }

    private Response.ResponseBuilder stream(String bucket, String key, String mediaType, long size, long[] span) {
        long offset = span == null ? 0 : span[0];
        long length = span == null ? size : span[1] - span[0] + 1;
        StreamingOutput body = (OutputStream out) -> {
            try (InputStream in = store.read(bucket, key, offset, length)) {
                in.transferTo(out);
            }
        };
        Response.ResponseBuilder response = Response.status(span == null ? 200 : 206).entity(body).type(mediaType)
                .header("Accept-Ranges", "bytes").header("Content-Length", length);
        if (span != null) {
            response.header("Content-Range", "bytes " + span[0] + "-" + span[1] + "/" + size);
        }
        return response;
    }

    /** The first and last byte asked for, or null for the whole file; 416 when the range cannot be served. */
    static long[] span(String range, long size) {
        if (range == null || range.isBlank() || range.contains(",")) {
            return null; // several ranges: the whole file, as RFC 9110 allows
        }
        Matcher m = RANGE.matcher(range.strip());
        if (!m.matches() || m.group(1).isEmpty() && m.group(2).isEmpty()) {
            throw unsatisfiable(size);
        }
        long first;
        long last;
        if (m.group(1).isEmpty()) {
            long suffix = position(m.group(2));
            first = Math.max(0, size - suffix);
            last = size - 1;
        } else {
            first = position(m.group(1));
            last = m.group(2).isEmpty() ? size - 1 : Math.min(position(m.group(2)), size - 1);
        }
        if (first >= size || first > last) {
            throw unsatisfiable(size);
        }
        return new long[] { first, last };
    }

    /** A byte position as sent; one beyond any file's size (too many digits for a long) stands as the largest. */
    private static long position(String digits) {
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }

    private static WebApplicationException unsatisfiable(long size) {
        return new WebApplicationException(Response.fromResponse(Problem.of(416, "Range Not Satisfiable",
                "the file has " + size + " bytes").toResponse()).header("Content-Range", "bytes */" + size).build());
    }

    private static String asciiName(MediaAsset asset) {
        return asset.originalFileName.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
