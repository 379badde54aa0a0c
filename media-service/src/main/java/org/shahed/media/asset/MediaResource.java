package org.shahed.media.asset;

import java.io.File;
import java.net.URI;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;
import org.shahed.media.upload.Uploads;
import org.shahed.platform.security.Audience;
import org.shahed.platform.security.Roles;
import org.shahed.platform.web.Caller;
import org.shahed.platform.web.ETags;
import org.shahed.platform.web.Page;
import org.shahed.platform.web.Problems;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

@Path("/api/v1/media")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Media", description = "Photos, videos, audio and documents kept as evidence")
public class MediaResource {
    static final String FILE_NAME = "X-File-Name";
    static final String CONTENT_SHA256 = "X-Content-SHA256";

    @Inject
    Uploads uploads;
    @Inject
    MediaAssets assets;
    @Inject
    MediaMapper mapper;
    @Inject
    MediaSearch search;
    @Inject
    Caller caller;
    @Inject
    MediaDisclosure disclosure;

    @POST
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed({ Roles.INGEST, Roles.ANALYST, Roles.REVIEWER })
    @Operation(summary = "Upload an evidence file (the raw bytes as the body)",
            description = "The body is streamed to disk, never held in memory. Its type is detected from the bytes; "
                    + "images, video, audio, PDF and office documents are kept. 201 with the new asset; 200 with the "
                    + "existing one when the same bytes (same SHA-256) were uploaded before.")
    public Response upload(
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            @Parameter(description = "The file's name as the source gave it (sanitised)") @HeaderParam(FILE_NAME) String fileName,
            @Parameter(description = "SHA-256 of the file as the sender computed it, hex; refused if the bytes differ") @HeaderParam(CONTENT_SHA256) String clientSha256,
            @Parameter(description = "How the file was obtained (default `other`)", schema = @Schema(
                    implementation = MediaDescription.AcquisitionMethod.class)) @HeaderParam("X-Acquisition-Method") @DefaultValue("other") String method,
            @Parameter(description = "When it was obtained, ISO-8601 UTC") @HeaderParam("X-Acquired-At") String acquiredAt,
            @Parameter(description = "Where it was downloaded from") @HeaderParam("X-Source-Url") String sourceUrl,
            @Parameter(description = "Who obtained it (protected)") @HeaderParam("X-Acquired-By") String acquiredBy,
            File body) {
        if (body == null) {
            throw Problems.invalidField("body", "the file is empty");
        }
        Uploads.Stored stored = uploads.accept(new Uploads.Received(body.toPath(), contentType, fileName, clientSha256,
                acquisition(method, acquiredAt, sourceUrl, acquiredBy), caller.name(), caller.organisation()));
        MediaView view = mapper.view(stored.asset(), caller.audience());
        Response.ResponseBuilder response = stored.isNew()
                ? Response.created(URI.create("/api/v1/media/" + stored.asset().id))
                : Response.ok().location(URI.create("/api/v1/media/" + stored.asset().id));
        return response.entity(view).tag(ETags.of(stored.asset().version)).build();
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @RolesAllowed({ Roles.INGEST, Roles.ANALYST, Roles.REVIEWER })
    @Operation(summary = "Upload an evidence file from a browser form (multipart/form-data, part `file`)",
            description = "As the raw upload; the part's file name and content type stand for X-File-Name and Content-Type.")
    public Response uploadForm(@RestForm("file") FileUpload file,
            @RestForm("sha256") String clientSha256,
            @RestForm("acquisitionMethod") @DefaultValue("other") String method,
            @RestForm("acquiredAt") String acquiredAt,
            @RestForm("sourceUrl") String sourceUrl,
            @RestForm("acquiredBy") String acquiredBy) {
        if (file == null) {
            throw Problems.invalidField("file", "a file part is required");
        }
        return upload(file.contentType(), file.fileName(), clientSha256, method, acquiredAt, sourceUrl, acquiredBy,
                file.uploadedFile().toFile());
    }

    @GET
    @RolesAllowed({ Roles.PARTNER, Roles.INGEST, Roles.ANALYST, Roles.REVIEWER, Roles.ADMIN })
    @Operation(summary = "List and search evidence files", description = "Filters combine with AND; pages follow `next`. "
            + "Partners see only files cleared for sharing that document a published incident; filtering by "
            + "uploader is for staff.")
    public Page<MediaView> list(@Valid @BeanParam MediaFilter filter,
            @Parameter(description = "Cursor from the previous page's `next`") @QueryParam("cursor") String cursor,
            @Parameter(description = Page.LIMIT) @QueryParam("limit") @DefaultValue("100") int limit) {
        Audience audience = caller.audience();
        MediaSearch.Result result = search.search(filter, cursor, limit, audience);
        return new Page<>(result.items().stream().map(a -> mapper.view(a, audience)).toList(), result.next());
    }

    @GET
    @Path("{id}")
    @RolesAllowed({ Roles.PARTNER, Roles.INGEST, Roles.ANALYST, Roles.REVIEWER, Roles.ADMIN })
    @Operation(summary = "One evidence file's record (not its bytes: see content and derivatives)")
    public Response get(@PathParam("id") UUID id) {
        MediaAsset asset = disclosure.readable(caller.audience(), id);
        return Response.ok(mapper.view(asset, caller.audience())).tag(ETags.of(asset.version)).build();
    }

    @PUT
    @Path("{id}/sensitivity")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.ANALYST, Roles.REVIEWER })
    @Operation(summary = "Set what makes the file sensitive; reviewers clear it for sharing (If-Match required)")
    public Response sensitivity(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @NotNull @Valid MediaDescription.Sensitivity sensitivity) {
        MediaAsset asset = assets.changeSensitivity(id, ifMatch, sensitivity, caller.hasRole(Roles.REVIEWER), caller.name());
        return Response.ok(mapper.view(asset, caller.audience())).tag(ETags.of(asset.version)).build();
    }

    @PUT
    @Path("{id}/verification")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.REVIEWER })
    @Operation(summary = "Record the verification of the file: status, methods, notes (If-Match required)")
    public Response verification(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @NotNull @Valid MediaDescription.Verification verification) {
        MediaAsset asset = assets.verify(id, ifMatch, verification, caller.name());
        return Response.ok(mapper.view(asset, caller.audience())).tag(ETags.of(asset.version)).build();
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed({ Roles.REVIEWER })
    @Operation(summary = "Retract an evidence file (soft: the original, its record and its custody log stay)")
    public void retract(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Parameter(description = "Why") @QueryParam("reason") String reason) {
        assets.retract(id, ifMatch, reason, caller.name());
    }

    private static MediaDescription.Acquisition acquisition(String method, String acquiredAt, String sourceUrl,
            String acquiredBy) {
        MediaDescription.AcquisitionMethod parsed = null;
        for (MediaDescription.AcquisitionMethod candidate : MediaDescription.AcquisitionMethod.values()) {
            if (candidate.name().replace('_', '-').equalsIgnoreCase(method)) {
                parsed = candidate;
            }
        }
        if (parsed == null) {
            throw Problems.invalidHeader("X-Acquisition-Method", "one of " + Arrays
                    .stream(MediaDescription.AcquisitionMethod.values()).map(m -> m.name().toLowerCase().replace('_', '-'))
                    .toList());
        }
        Instant at = null;
        if (acquiredAt != null) {
            try {
                at = Instant.parse(acquiredAt);
            } catch (DateTimeParseException e) {
                throw Problems.invalidHeader("X-Acquired-At", "an ISO-8601 UTC time, e.g. 2016-06-25T10:00:00Z");
            }
        }
        if (sourceUrl != null && sourceUrl.length() > 2000) {
            throw Problems.invalidHeader("X-Source-Url", "at most 2000 characters");
        }
        if (acquiredBy != null && acquiredBy.length() > 200) {
            throw Problems.invalidHeader("X-Acquired-By", "at most 200 characters");
        }
        return new MediaDescription.Acquisition(parsed, sourceUrl, null, at, acquiredBy);
    }
}
