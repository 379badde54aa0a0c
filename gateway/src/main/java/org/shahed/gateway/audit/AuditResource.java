package org.shahed.gateway.audit;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.shahed.platform.security.Roles;
import org.shahed.platform.web.Cursors;
import org.shahed.platform.web.Page;
import org.shahed.platform.web.Problems;

import io.quarkus.panache.common.Parameters;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

@Path("/api/v1/admin/audit-log")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
@Tag(name = "Audit log", description = "Every request through the gateway: who, what, when, result")
public class AuditResource {

    @GET
    @Transactional
    @Operation(summary = "Audit entries in the order they were written, filtered; follow next for more")
    public Page<AuditEntryView> list(
            @Parameter(description = "Token subject, or api-key:<id>") @QueryParam("subject") String subject,
            @Parameter(description = "Requests made with this API key") @QueryParam("apiKeyId") UUID apiKeyId,
            @Parameter(description = "Requests naming this resource id in their path") @QueryParam("resourceId") UUID resourceId,
            @QueryParam("method") String method,
            @QueryParam("status") Integer status,
            @Parameter(description = "From this time on (inclusive, UTC)", example = "2026-11-25T00:00:00Z") @QueryParam("from") Instant from,
            @Parameter(description = "The older name of `from`", deprecated = true) @QueryParam("since") Instant since,
            @Parameter(description = "Before this time (UTC)") @QueryParam("until") Instant until,
            @Parameter(description = "The next cursor of the previous page") @QueryParam("cursor") String cursor,
            @Parameter(description = Page.LIMIT) @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(Page.MAX) int limit) {
        StringBuilder where = new StringBuilder("id > :after");
        Parameters parameters = Parameters.with("after", Cursors.decodePosition("audit-log", cursor, "cursor"));
        if (subject != null) {
            where.append(" and subject = :subject");
            parameters.and("subject", subject);
        }
        if (apiKeyId != null) {
            where.append(" and apiKeyId = :apiKeyId");
            parameters.and("apiKeyId", apiKeyId);
        }
        if (method != null) {
            where.append(" and method = :method");
            parameters.and("method", method.toUpperCase());
        }
        if (status != null) {
            where.append(" and status = :status");
            parameters.and("status", status);
        }
        if (from != null && since != null) {
            throw Problems.invalidParameter("since", "the older name of from; send one of them");
        }
        Instant start = from != null ? from : since;
        if (start != null) {
            where.append(" and at >= :since");
            parameters.and("since", start);
        }
        if (until != null) {
            where.append(" and at < :until");
            parameters.and("until", until);
        }
        if (resourceId != null) {
            where.append(" and array_contains(resourceIds, :resourceId)");
            parameters.and("resourceId", resourceId);
        }
        List<AuditEntry> entries = AuditEntry.<AuditEntry>find(where + " order by id", parameters).page(0, limit + 1).list();
        String next = null;
        if (entries.size() > limit) {
            entries = entries.subList(0, limit);
            next = Cursors.encode("audit-log", Long.toString(entries.get(limit - 1).id));
        }
        return new Page<>(entries.stream().map(AuditEntryView::of).toList(), next);
    }
}
