package org.shahed.gateway.apikeys;

import java.net.URI;
import java.time.Instant;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.shahed.platform.security.Roles;
import org.shahed.platform.web.Caller;
import org.shahed.platform.web.ETags;
import org.shahed.platform.web.Page;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

@Path("/api/v1/admin/api-keys")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
@Tag(name = "API keys", description = "Keys of partner organisations and scripts, exchanged at the gateway for a short-lived token")
public class ApiKeyResource {
    @Inject
    ApiKeys apiKeys;
    @Inject
    Caller caller;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Make a key; its secret is in this answer only")
    public Response create(@NotNull @Valid ApiKeyInput input) {
        IssuedApiKey issued = apiKeys.create(input, caller.name());
        return Response.created(URI.create("/api/v1/admin/api-keys/" + issued.apiKey().id())).entity(issued).build();
    }

    @GET
    @Operation(summary = "The keys, oldest first, revoked and expired ones included")
    public Page<ApiKeyView> list(
            @Parameter(description = "Only keys in this state") @QueryParam("status") ApiKey.Status status,
            @Parameter(description = "The next cursor of the previous page") @QueryParam("cursor") String cursor,
            @Parameter(description = Page.LIMIT) @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(Page.MAX) int limit) {
        return apiKeys.list(status, cursor, limit);
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One key (never its secret)")
    public Response get(@PathParam("id") UUID id) {
        ApiKey key = apiKeys.existing(id);
        return Response.ok(ApiKeyView.of(key, Instant.now())).tag(ETags.of(key.version)).build();
    }

    @POST
    @Path("{id}/rotate")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Give the key a new secret (shown once); the old one stops now or after a grace period",
            description = "Send {} for no grace period.")
    public Response rotate(@PathParam("id") UUID id, @NotNull @Valid RotationInput input, @HeaderParam("If-Match") String ifMatch) {
        IssuedApiKey issued = apiKeys.rotate(id, input, ifMatch);
        return Response.ok(issued).build();
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Revoke the key at once; it stays listed, as revoked")
    public Response revoke(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch) {
        apiKeys.revoke(id, ifMatch, caller.name());
        return Response.noContent().build();
    }
}
