package org.shahed.casualty.ingest;

import java.io.File;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.shahed.platform.security.Audience;
import org.shahed.platform.security.Roles;
import org.shahed.platform.web.Caller;
import org.shahed.platform.web.Cursors;
import org.shahed.platform.web.TimeKeyset;
import org.shahed.platform.web.Page;
import org.shahed.platform.web.Problems;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

@Path("/api/v1/casualty-imports")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Casualty imports", description = "Bulk ingestion of casualty records from CSV or NDJSON, asynchronously")
public class ImportResource {
    static final String NDJSON = "application/x-ndjson";

    @Inject
    Imports imports;
    @Inject
    Caller caller;

    @Schema(name = "ImportRowError")
    public record RowErrorView(@Schema(description = "Row number, 1 = first data row") long row,
            @Schema(description = "Column (CSV) or field (NDJSON); empty when the row as a whole is wrong") String field,
            @Schema(description = "What is wrong, in the file's terms: the value and what is accepted") String reason,
            @Schema(description = "The row's external_id, when it gave one") String externalId) {
    }

    @POST
    @Consumes({ "text/csv", NDJSON })
    @RolesAllowed({ Roles.INGEST, Roles.ANALYST })
    @Operation(summary = "Start an import of casualty records",
            description = "CSV (UTF-8, header row; columns: " + "source_system, external_id, incident_id, full_name_ar, "
                    + "full_name_latin, given_name, father_name, family_name, mother_name, nickname, sex, age_years, "
                    + "age_group, outcome, status, roles (;-separated), date, date_precision, place_name_en, "
                    + "place_name_ar, admin_pcodes (;-separated), cause, documentation_level, consent_publish_name, "
                    + "source_type, source_reference; required: sex, outcome, status, documentation_level) or NDJSON "
                    + "(one CasualtyInput per line). The body is streamed to disk; a UTF-8 byte-order mark is accepted. "
                    + "202 with the job; follow Location. The same Idempotency-Key with the same file returns the "
                    + "first job (200 is never used: the answer stays 202); with another file it is refused (422).")
    @APIResponse(responseCode = "202", description = "Accepted: the job, queued (or the earlier job of this Idempotency-Key)",
            content = @Content(schema = @Schema(implementation = ImportView.class)))
    @APIResponse(responseCode = "422", description = "The Idempotency-Key was used for another file")
    public Response start(
            @Parameter(description = "The same key returns the first job instead of importing again") @HeaderParam("Idempotency-Key") String idempotencyKey,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            @Parameter(description = "Check the file as an import would, every check against the stored records "
                    + "included, and write nothing: the job's counts and errors say what an import would do")
            @QueryParam("dryRun") @DefaultValue("false") boolean dryRun,
            File body) {
        if (body == null || body.length() == 0) {
            throw Problems.invalidField("body", "the file is empty");
        }
        String format = contentType != null && contentType.startsWith(NDJSON) ? "ndjson" : "csv";
        Imports.Accepted accepted = imports.accept(body.toPath(), format, dryRun, idempotencyKey, caller.name(),
                caller.organisation());
        return Response.accepted(ImportView.of(accepted.job()))
                .location(URI.create("/api/v1/casualty-imports/" + accepted.job().id)).build();
    }

    @GET
    @RolesAllowed({ Roles.INGEST, Roles.ANALYST, Roles.REVIEWER, Roles.ADMIN })
    @Operation(summary = "Imports, newest first", description = "Ingestion scripts list their own organisation's imports.")
    public Page<ImportView> list(
            @Parameter(description = "queued, running, completed or failed") @QueryParam("status") String status,
            @Parameter(description = "Cursor from the previous page's `next`") @QueryParam("cursor") String cursor,
            @Parameter(description = Page.LIMIT) @QueryParam("limit") @DefaultValue("100") int limit) {
        Page.limit(limit);
        if (status != null && !List.of("queued", "running", "completed", "failed").contains(status)) {
            throw Problems.invalidParameter("status", "queued, running, completed or failed");
        }
        Audience audience = caller.audience();
        Map<String, Object> parameters = new HashMap<>();
        StringBuilder where = new StringBuilder(TimeKeyset.after("imports", cursor, "createdAt", TimeKeyset.NEWEST_FIRST, parameters));
        if (!audience.seesUnpublished()) {
            where.append(" and organisation = :organisation");
            parameters.put("organisation", audience.ownRecordsOf());
        }
        if (status != null) {
            where.append(" and status = :status");
            parameters.put("status", status);
        }
        List<ImportJob> jobs = ImportJob.<ImportJob>find(where + TimeKeyset.order("createdAt", TimeKeyset.NEWEST_FIRST), parameters)
                .page(0, limit + 1).list();
        return Page.of(jobs, limit, job -> TimeKeyset.cursor("imports", job.createdAt, job.id), ImportView::of);
    }

    @GET
    @Path("{id}")
    @RolesAllowed({ Roles.INGEST, Roles.ANALYST, Roles.REVIEWER, Roles.ADMIN })
    @Operation(summary = "Progress of an import", description = "Ingestion scripts read their own organisation's imports only.")
    public ImportView get(@PathParam("id") UUID id) {
        return ImportView.of(job(id));
    }

    @GET
    @Path("{id}/errors")
    @RolesAllowed({ Roles.INGEST, Roles.ANALYST, Roles.REVIEWER, Roles.ADMIN })
    @Operation(summary = "The rejected rows of an import, by row number",
            description = "Ingestion scripts read their own organisation's imports only: the errors quote the rows' values.")
    public Page<RowErrorView> errors(@PathParam("id") UUID id,
            @Parameter(description = "Cursor from the previous page's `next`") @QueryParam("cursor") String cursor,
            @Parameter(description = "Rows after this row number (older than `cursor`)", deprecated = true) @QueryParam("afterRow") Long olderAfterRow,
            @Parameter(description = Page.LIMIT) @QueryParam("limit") @DefaultValue("200") int limit) {
        job(id);
        Page.limit(limit);
        long afterRow = cursor != null ? Cursors.decodePosition("import-errors", cursor, "cursor")
                : olderAfterRow == null ? 0 : olderAfterRow;
        List<ImportError> errors = ImportError.<ImportError>find("jobId = ?1 and rowNumber > ?2 order by rowNumber, field",
                id, afterRow).page(0, limit + 1).list();
        String next = null;
        if (errors.size() > limit) {
            errors = errors.subList(0, limit);
            next = Cursors.encode("import-errors", Long.toString(errors.get(limit - 1).rowNumber));
        }
        return new Page<>(errors.stream().map(e -> new RowErrorView(e.rowNumber, e.field, e.reason, e.externalId)).toList(), next);
    }

    /** The job if this caller may read it: staff read every import, a script its own organisation's. */
    private ImportJob job(UUID id) {
        ImportJob job = ImportJob.findById(id);
        Audience audience = caller.audience();
        if (job == null || !audience.seesUnpublished() && !audience.owns(job.organisation)) {
            throw Problems.notFound("import " + id);
        }
        return job;
    }
}
