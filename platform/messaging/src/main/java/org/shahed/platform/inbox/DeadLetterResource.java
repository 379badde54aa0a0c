package org.shahed.platform.inbox;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.shahed.platform.security.Roles;
import org.shahed.platform.web.Page;
import org.shahed.platform.web.Problems;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/**
 * The events this service's consumers dead-lettered, and their replay once the cause is fixed. The service's own
 * name is in the path, so that the gateway routes each service's letters to it.
 */
@Path("/api/v1/admin/dead-letters/{service}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Operations")
public class DeadLetterResource {
    @Inject
    EventSubscriptions subscriptions;
    @ConfigProperty(name = "quarkus.application.name")
    String application;

    @GET
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "The events this service's consumers dead-lettered, oldest first, with the reason")
    public Page<EventSubscriptions.DeadLetter> list(@PathParam("service") String service,
            @Parameter(description = "One consumer group only") @QueryParam("consumer") String consumer) {
        requireThisService(service);
        return Page.whole(subscriptions.deadLetters(consumer));
    }

    @POST
    @Path("replay")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Apply the dead-lettered events again, once each",
            description = "Each letter goes through its consumer's handler in one transaction with its claim: an event applied before, or a letter replayed twice, changes nothing. Letters that fail again stay, and are listed in `failed`.")
    public EventSubscriptions.Replay replay(@PathParam("service") String service,
            @Parameter(description = "One consumer group only") @QueryParam("consumer") String consumer) {
        requireThisService(service);
        return subscriptions.replayDeadLetters(consumer);
    }

    private void requireThisService(String service) {
        if (!application.equals(service)) {
            throw Problems.notFound("service " + service);
        }
    }
}
