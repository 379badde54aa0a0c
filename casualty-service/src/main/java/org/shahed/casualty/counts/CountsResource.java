package org.shahed.casualty.counts;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.shahed.casualty.record.CasualtyDisclosure;
import org.shahed.platform.security.Roles;
import org.shahed.platform.web.Caller;
import org.shahed.platform.web.Problems;

import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

@Path("/api/v1/casualty-counts/{incidentId}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Casualty counts", description = "Named counts derived from records, beside the figures sources reported")
public class CountsResource {
    @Inject
    IncidentCounts counts;
    @Inject
    ObjectMapper json;
    @Inject
    Caller caller;
    @Inject
    CasualtyDisclosure disclosure;

    @Schema(name = "IncidentCasualtyCounts", description = "Named (from records) and reported figures, never collapsed into one")
    public record CountsView(UUID incidentId, @Schema(description = "Derived from the named records") Counts named,
            @Schema(description = "Version of the named counts") long version, Instant asOf,
            @Schema(description = "What sources reported") List<ReportedView> reported) {
    }

    @Schema(name = "ReportedCount")
    public record ReportedView(UUID id, String source, LocalDate asOf, String basis,
            ReportedCountInput.Figures figures) {
    }

    @GET
    @RolesAllowed({ Roles.PARTNER, Roles.INGEST, Roles.ANALYST, Roles.REVIEWER, Roles.ADMIN })
    @Operation(summary = "Casualty counts of an incident: named and reported",
            description = "Partners and ingestion scripts read the counts of published incidents only.")
    public CountsView get(@PathParam("incidentId") UUID incidentId) {
        if (!disclosure.readsCountsOf(caller.audience(), incidentId)) {
            throw Problems.notFound("casualty counts of incident " + incidentId);
        }
        counts.refreshIfDue(incidentId);
        var row = counts.of(incidentId);
        List<ReportedView> reported = ReportedCount.<ReportedCount>list("incidentId = ?1 order by asOf, createdAt", incidentId)
                .stream().map(this::view).toList();
        if (row.isEmpty() && reported.isEmpty()) {
            throw Problems.notFound("casualty counts of incident " + incidentId);
        }
        return new CountsView(incidentId, row.map(counts::read).orElse(null), row.map(r -> r.version).orElse(0L),
                row.map(r -> r.updatedAt).orElse(null), reported);
    }

    @POST
    @Path("reported")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.ANALYST, Roles.INGEST, Roles.REVIEWER })
    @Operation(summary = "Record the figures a source reported for an incident")
    @Transactional
    public Response report(@PathParam("incidentId") UUID incidentId, @NotNull @Valid ReportedCountInput input) {
        if (input.asOf().isAfter(LocalDate.now().plusDays(1))) {
            throw Problems.invalidField("asOf", "must not be in the future");
        }
        ReportedCount count = new ReportedCount();
        count.id = UUID.randomUUID();
        count.incidentId = incidentId;
        count.source = input.source();
        count.asOf = input.asOf();
        count.basis = input.basis();
        try {
            count.figures = json.writeValueAsString(input.figures());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        count.createdAt = Instant.now();
        count.createdBy = caller.name();
        count.persist();
        return Response.created(URI.create("/api/v1/casualty-counts/" + incidentId)).entity(view(count)).build();
    }

    private ReportedView view(ReportedCount count) {
        try {
            return new ReportedView(count.id, count.source, count.asOf, count.basis,
                    json.readValue(count.figures, ReportedCountInput.Figures.class));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
