package org.shahed.casualty.dedupe;

import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.shahed.casualty.record.Casualties;
import org.shahed.casualty.record.Casualty;
import org.shahed.casualty.record.CasualtyMapper;
import org.shahed.casualty.record.CasualtyView;
import org.shahed.platform.security.Roles;
import org.shahed.platform.web.Caller;
import org.shahed.platform.web.ETags;
import org.shahed.platform.web.Page;
import org.shahed.platform.web.Problems;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
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

@Path("/api/v1/casualties")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Casualty de-duplication", description = "Finding, merging and un-merging records of the same person")
public class DuplicateResource {
    @Inject
    DuplicateCandidates candidates;
    @Inject
    Casualties casualties;
    @Inject
    CasualtyMapper mapper;
    @Inject
    Caller caller;
    @Inject
    DuplicateDecisions decisions;

    @Schema(name = "MergeRequest")
    public record MergeRequest(@Schema(description = "Records to merge into this one") @NotEmpty @Size(max = 50) List<@NotNull UUID> duplicateIds) {
    }

    @GET
    @Path("{id}/duplicate-candidates")
    @RolesAllowed({ Roles.ANALYST, Roles.REVIEWER, Roles.ADMIN })
    @Operation(summary = "Records that may be the same person, best first",
            description = "The best `limit` candidates at or above minScore, in one page: a ranking, not paged")
    public Page<Candidate> of(@PathParam("id") UUID id,
            @Parameter(description = "Lowest score to list, 0 to 1") @QueryParam("minScore") @DefaultValue("0.75") double minScore,
            @QueryParam("limit") @DefaultValue("20") int limit) {
        check(minScore, limit);
        return Page.whole(candidates.of(casualties.visible(id, caller.audience()), minScore, limit));
    }

    @GET
    @Path("duplicate-candidates")
    @RolesAllowed({ Roles.ANALYST, Roles.REVIEWER, Roles.ADMIN })
    @Operation(summary = "Candidate duplicate pairs among an incident's records: the incident's review queue",
            description = "The best `limit` pairs at or above minScore, in one page: a ranking, not paged. "
                    + "With undecided=true, only pairs no reviewer has decided yet.")
    public Page<Candidate> inIncident(@Parameter(required = true) @QueryParam("incidentId") UUID incidentId,
            @QueryParam("minScore") @DefaultValue("0.75") double minScore,
            @QueryParam("limit") @DefaultValue("100") int limit,
            @Parameter(description = "Only pairs without a decision") @QueryParam("undecided") @DefaultValue("false") boolean undecided) {
        requiredIncident(incidentId);
        check(minScore, limit);
        return Page.whole(candidates.inIncident(incidentId, minScore, limit, undecided));
    }

    @GET
    @Path("duplicate-clusters")
    @RolesAllowed({ Roles.ANALYST, Roles.REVIEWER, Roles.ADMIN })
    @Operation(summary = "Groups of an incident's records that are probably one person each, with their conflicts",
            description = "Records linked, directly or through others, by pairs at or above minScore or decided same; "
                    + "a conflict is a pair inside a group that was decided different or scores as unlikely. "
                    + "Largest groups first, in one page.")
    public Page<DuplicateCandidates.Cluster> clusters(@Parameter(required = true) @QueryParam("incidentId") UUID incidentId,
            @QueryParam("minScore") @DefaultValue("0.75") double minScore) {
        requiredIncident(incidentId);
        check(minScore, 1);
        return Page.whole(candidates.clusters(incidentId, minScore));
    }

    @Schema(name = "DuplicateDecisionRequest")
    public record DecisionRequest(
            @Schema(description = "same: one person (to be merged); different: two people, never proposed again",
                    enumeration = { "same", "different" }) @NotNull @jakarta.validation.constraints.Pattern(regexp = "same|different") String decision,
            @Schema(description = "Why (protected: seen by analysts, reviewers and admins only)") @Size(max = 2000) String note) {
    }

    @Schema(name = "DuplicateDecision")
    public record DecisionView(UUID recordId, UUID candidateId, String decision, String note, String decidedBy,
            java.time.Instant decidedAt) {
        static DecisionView of(DuplicateDecision row) {
            return new DecisionView(row.recordLow, row.recordHigh, row.decision, row.note, row.decidedBy, row.decidedAt);
        }
    }

    @PUT
    @Path("{id}/duplicate-candidates/{candidateId}/decision")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.REVIEWER, Roles.ADMIN })
    @Operation(summary = "Decide whether two records are one person",
            description = "Kept with the pair's earlier decisions (see .../decisions). A pair decided different is no "
                    + "longer proposed; one decided same is proposed with its decision until merged.")
    public DecisionView decide(@PathParam("id") UUID id, @PathParam("candidateId") UUID candidateId,
            @NotNull @Valid DecisionRequest request) {
        return DecisionView.of(decisions.decide(id, candidateId, request.decision(), request.note(), caller.name()));
    }

    @GET
    @Path("{id}/duplicate-candidates/{candidateId}/decisions")
    @RolesAllowed({ Roles.ANALYST, Roles.REVIEWER, Roles.ADMIN })
    @Operation(summary = "The decisions taken on a pair, oldest first (the last one holds)")
    public Page<DecisionView> decisions(@PathParam("id") UUID id, @PathParam("candidateId") UUID candidateId) {
        return Page.whole(decisions.history(id, candidateId).stream().map(DecisionView::of).toList());
    }

    @POST
    @Path("{id}/merge")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.ADMIN, Roles.REVIEWER })
    @Operation(summary = "Merge duplicates into this record (If-Match required); they stay as history pointing here")
    public Response merge(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @NotNull @Valid MergeRequest request) {
        Casualty survivor = casualties.merge(id, request.duplicateIds(), ifMatch, caller.name());
        return Response.ok(view(survivor)).tag(ETags.of(survivor.version)).build();
    }

    @POST
    @Path("{id}/unmerge")
    @RolesAllowed({ Roles.ADMIN, Roles.REVIEWER })
    @Operation(summary = "Undo the merge of this record into another")
    public Response unmerge(@PathParam("id") UUID id) {
        Casualty restored = casualties.unmerge(id, caller.name());
        return Response.ok(view(restored)).tag(ETags.of(restored.version)).build();
    }

    private CasualtyView view(Casualty casualty) {
        return mapper.view(casualty, caller.audience());
    }

    private static UUID requiredIncident(UUID incidentId) {
        if (incidentId == null) {
            throw Problems.invalidParameter("incidentId", "required");
        }
        return incidentId;
    }

    private static void check(double minScore, int limit) {
        if (minScore < 0 || minScore > 1) {
            throw Problems.invalidParameter("minScore", "between 0 and 1");
        }
        Page.limit(limit);
    }
}
