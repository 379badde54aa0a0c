package org.shahed.casualty.record;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.shahed.platform.security.Audience;
import org.shahed.platform.security.Roles;
import org.shahed.platform.store.History;
import org.shahed.platform.web.Caller;
import org.shahed.platform.web.ETags;
import org.shahed.platform.web.Page;


import io.quarkus.narayana.jta.QuarkusTransaction;
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

@Path("/api/v1/casualties")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Casualties", description = "Every person killed, injured, missing or detained")
public class CasualtyResource {
    static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    @Inject
    Casualties casualties;
    @Inject
    CasualtyMapper mapper;
    @Inject
    IdempotencyKeys idempotencyKeys;
    @Inject
    Caller caller;
    @Inject
    History history;
    @Inject
    CasualtySearch search;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.INGEST, Roles.ANALYST, Roles.REVIEWER })
    @Operation(summary = "Record a casualty, or update the record with the same (sourceSystem, externalId)",
            description = "201 when created, 200 when the source record existed. With Idempotency-Key, a replay returns the first result.")
    public Response create(
            @Parameter(description = "Makes retries safe: the same key replayed returns the first result") @HeaderParam(IDEMPOTENCY_KEY) String idempotencyKey,
            @NotNull @Valid CasualtyInput input) {
        String scope = caller.name() + " POST /api/v1/casualties";
        Casualties.Written written = QuarkusTransaction.requiringNew().call(() -> {
            if (idempotencyKey != null) {
                Optional<UUID> earlier = idempotencyKeys.claim(scope, idempotencyKey, mapper.write(input), UUID.randomUUID());
                if (earlier.isPresent()) {
                    // The record this caller's first request made (still there unless deleted since).
                    return new Casualties.Written(casualties.visible(earlier.get(), Audience.STAFF), Casualties.Effect.CREATED);
                }
            }
            Casualties.Written done = casualties.write(input, caller.name(), caller.organisation());
            if (idempotencyKey != null) {
                idempotencyKeys.bind(scope, idempotencyKey, done.casualty().id);
            }
            return done;
        });
        Response.ResponseBuilder response = written.effect() == Casualties.Effect.CREATED
                ? Response.created(URI.create("/api/v1/casualties/" + written.casualty().id))
                : Response.ok();
        return withETag(response, written.casualty());
    }

    @GET
    @RolesAllowed({ Roles.PARTNER, Roles.INGEST, Roles.ANALYST, Roles.REVIEWER, Roles.ADMIN })
    @Operation(summary = "List and search casualty records", description = "Filters combine with AND; pages follow `next`.")
    public Page<CasualtyView> list(@BeanParam CasualtyFilter filter,
            @Parameter(description = "Cursor from the previous page's `next`") @QueryParam("cursor") String cursor,
            @Parameter(description = Page.LIMIT) @QueryParam("limit") @DefaultValue("100") int limit) {
        Audience audience = caller.audience();
        CasualtySearch.Result result = search.search(filter, cursor, limit, audience);
        return new Page<>(result.items().stream().map(c -> mapper.view(c, audience)).toList(), result.next());
    }

    @GET
    @Path("{id}")
    @RolesAllowed({ Roles.PARTNER, Roles.INGEST, Roles.ANALYST, Roles.REVIEWER, Roles.ADMIN })
    @Operation(summary = "One casualty record; names only where consent or role allows")
    public Response get(@PathParam("id") UUID id) {
        return withETag(Response.ok(), casualties.visible(id, caller.audience()));
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.ANALYST, Roles.REVIEWER })
    @Operation(summary = "Replace a casualty record (If-Match required)")
    public Response replace(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @NotNull @Valid CasualtyInput input) {
        return withETag(Response.ok(), casualties.replace(id, input, ifMatch, caller.name()));
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed({ Roles.ANALYST, Roles.REVIEWER })
    @Operation(summary = "Delete a casualty record (soft: its history stays; If-Match required)")
    public void delete(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        casualties.delete(id, ifMatch, caller.name());
    }

    @GET
    @Path("{id}/history")
    @RolesAllowed({ Roles.ANALYST, Roles.REVIEWER, Roles.ADMIN })
    @Operation(summary = "Every state of the record, oldest first")
    public Page<RevisionView> history(@PathParam("id") UUID id,
            @Parameter(description = "Cursor from the previous page's `next`") @QueryParam("cursor") String cursor,
            @Parameter(description = Page.LIMIT) @QueryParam("limit") @DefaultValue("100") int limit) {
        Page<History.Revision> states = history.revisions(Casualties.AGGREGATE, id, cursor, limit,
                "casualty record " + id);
        return new Page<>(states.items().stream().map(r -> new RevisionView(r.revision(), r.change(), r.changedAt(),
                r.changedBy(), r.state())).toList(), states.next());
    }

    private Response withETag(Response.ResponseBuilder response, Casualty casualty) {
        return response.tag(ETags.of(casualty.version))
                .entity(mapper.view(casualty, caller.audience())).build();
    }
}
