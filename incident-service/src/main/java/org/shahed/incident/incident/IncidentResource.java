package org.shahed.incident.incident;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.shahed.platform.security.Audience;
import org.shahed.platform.security.Roles;
import org.shahed.platform.web.Caller;
import org.shahed.platform.web.ETags;
import org.shahed.platform.web.Page;
import org.shahed.platform.store.History;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Valid;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

@Path("/api/v1/incidents")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Incidents", description = "What happened, where, when, who is alleged to be responsible")
public class IncidentResource {
    static final String MERGE_PATCH = "application/merge-patch+json";

    @Inject
    Incidents incidents;
    @Inject
    IncidentSearch search;
    @Inject
    IncidentMapper mapper;
    @Inject
    Caller caller;
    @Inject
    ObjectMapper json;
    @Inject
    Validator validator;
    @Inject
    History history;

    @GET
    @RolesAllowed({ Roles.PARTNER, Roles.INGEST, Roles.ANALYST, Roles.REVIEWER, Roles.ADMIN })
    @Operation(summary = "List and search incidents", description = "Filters combine with AND; pages follow `next`.")
    public Page<IncidentView> list(@BeanParam IncidentFilter filter,
            @Parameter(description = "Order: -start (default), start, -updated, updated") @QueryParam("sort") @DefaultValue("-start") String sort,
            @Parameter(description = "Cursor from the previous page's `next`") @QueryParam("cursor") String cursor,
            @Parameter(description = Page.LIMIT) @QueryParam("limit") @DefaultValue("50") int limit) {
        Audience audience = caller.audience();
        IncidentSearch.Result result = search.search(filter, IncidentSearch.Sort.of(sort), cursor, limit, audience);
        return new Page<>(result.items().stream().map(i -> mapper.view(i, audience)).toList(), result.next());
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.ANALYST, Roles.INGEST, Roles.REVIEWER })
    @Operation(summary = "Document a new incident (as a draft)")
    @APIResponse(responseCode = "201", description = "Created; Location and ETag name it",
            content = @Content(schema = @Schema(implementation = IncidentView.class)))
    public Response create(@NotNull @Valid IncidentInput input) {
        Incident incident = incidents.create(input);
        return withETag(Response.created(URI.create("/api/v1/incidents/" + incident.id)), incident);
    }

    @GET
    @Path("{id}")
    @RolesAllowed({ Roles.PARTNER, Roles.INGEST, Roles.ANALYST, Roles.REVIEWER, Roles.ADMIN })
    @Operation(summary = "One incident; its ETag is the version to send back in If-Match")
    public Response get(@PathParam("id") UUID id) {
        return withETag(Response.ok(), incidents.visible(id));
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.ANALYST, Roles.REVIEWER })
    @Operation(summary = "Replace the documented facts (If-Match required)")
    @APIResponse(responseCode = "412", description = "The incident changed since the ETag sent")
    @APIResponse(responseCode = "428", description = "If-Match missing")
    public Response replace(@PathParam("id") UUID id,
            @Parameter(description = "ETag of the version being replaced", required = true) @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @NotNull @Valid IncidentInput input) {
        return withETag(Response.ok(), incidents.replace(id, input, ifMatch));
    }

    @PATCH
    @Path("{id}")
    @Consumes(MERGE_PATCH)
    @RolesAllowed({ Roles.ANALYST, Roles.REVIEWER })
    @Operation(summary = "Change some facts with a JSON Merge Patch (RFC 7386; If-Match required)")
    @RequestBody(content = @Content(mediaType = MERGE_PATCH, schema = @Schema(implementation = IncidentInput.class)))
    public Response patch(@PathParam("id") UUID id,
            @Parameter(description = "ETag of the version being changed", required = true) @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @NotNull JsonNode patch) throws Exception {
        Incident current = incidents.visible(id);
        ETags.requireMatch(ifMatch, current.version);
        JsonNode merged = JsonMergePatch.apply(json.valueToTree(mapper.facts(current)), patch);
        IncidentInput input = json.treeToValue(merged, IncidentInput.class);
        var violations = validator.validate(input);
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }
        return withETag(Response.ok(), incidents.replace(id, input, ifMatch));
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed({ Roles.ANALYST, Roles.REVIEWER })
    @Operation(summary = "Delete an incident that was never published (soft: its history stays)")
    @APIResponse(responseCode = "204", description = "Deleted")
    public void delete(@PathParam("id") UUID id,
            @Parameter(description = "ETag of the version being deleted", required = true) @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        incidents.delete(id, ifMatch);
    }

    @POST
    @Path("{id}/review")
    @RolesAllowed({ Roles.ANALYST, Roles.REVIEWER })
    @Operation(summary = "Submit a draft for review")
    public Response review(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Parameter(description = "Why, for the history") @QueryParam("note") @Size(max = 5000) String note) {
        return step(id, WorkflowAction.REVIEW, note, ifMatch);
    }

    @POST
    @Path("{id}/return-to-draft")
    @RolesAllowed(Roles.REVIEWER)
    @Operation(summary = "Send an incident under review (or verified) back to its authors")
    public Response returnToDraft(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Parameter(description = "What the authors should change") @QueryParam("note") @Size(max = 5000) String note) {
        return step(id, WorkflowAction.RETURN_TO_DRAFT, note, ifMatch);
    }

    @POST
    @Path("{id}/verify")
    @RolesAllowed(Roles.REVIEWER)
    @Operation(summary = "Record that the incident has been verified")
    public Response verify(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Parameter(description = "How it was verified, for the history") @QueryParam("note") @Size(max = 5000) String note) {
        return step(id, WorkflowAction.VERIFY, note, ifMatch);
    }

    @POST
    @Path("{id}/publish")
    @RolesAllowed(Roles.REVIEWER)
    @Operation(summary = "Publish a verified incident to partners")
    public Response publish(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Parameter(description = "Why, for the history") @QueryParam("note") @Size(max = 5000) String note) {
        return step(id, WorkflowAction.PUBLISH, note, ifMatch);
    }

    @POST
    @Path("{id}/retract")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.REVIEWER)
    @Operation(summary = "Retract an incident, with the reason; partners receive a tombstone")
    public Response retract(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @NotNull @Valid WorkflowNote note) {
        return step(id, WorkflowAction.RETRACT, note.reason(), ifMatch);
    }

    @POST
    @Path("{id}/merge")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.REVIEWER)
    @Operation(summary = "Merge this duplicate into the surviving incident (If-Match required)")
    public Response merge(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @NotNull @Valid MergeInput input) {
        return withETag(Response.ok(), incidents.merge(id, input.survivorId(), input.reason(), ifMatch));
    }

    @GET
    @Path("{id}/history")
    @RolesAllowed({ Roles.ANALYST, Roles.REVIEWER, Roles.ADMIN })
    @Operation(summary = "Every state the incident has been in, oldest first, with who changed it and how")
    public Page<RevisionView> history(@PathParam("id") UUID id,
            @Parameter(description = "Cursor from the previous page's `next`") @QueryParam("cursor") String cursor,
            @Parameter(description = Page.LIMIT) @QueryParam("limit") @DefaultValue("100") int limit) {
        Page<History.Revision> states = history.revisions(Incidents.AGGREGATE, id, cursor, limit, "incident " + id);
        return new Page<>(states.items().stream().map(r -> new RevisionView(r.revision(), r.change(), r.changedAt(),
                r.changedBy(), r.note(), r.state())).toList(), states.next());
    }

    private Response step(UUID id, WorkflowAction action, String note, String ifMatch) {
        return withETag(Response.ok(), incidents.transition(id, action, note, ifMatch));
    }

    private Response withETag(Response.ResponseBuilder response, Incident incident) {
        return response.tag(ETags.of(incident.version)).entity(mapper.view(incident, caller.audience())).build();
    }
}
