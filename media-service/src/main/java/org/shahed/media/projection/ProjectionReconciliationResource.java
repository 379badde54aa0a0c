package org.shahed.media.projection;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.shahed.media.asset.MediaAssets;
import org.shahed.platform.inbox.PeerClient;
import org.shahed.platform.security.Roles;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * Reconciliation of the incident and casualty projections media-service keeps from the other services' events,
 * against their changes feeds read from the beginning: the check lists records missing here or held with another
 * status, reference, version or deletion; the repair sets them as the feeds have them.
 */
@Path("/api/v1/admin/reconciliation/projections")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Reconciliation", description = "Checks and rebuilds of what this service keeps from other services' events")
public class ProjectionReconciliationResource {
    @Inject
    MediaAssets assets;
    @Inject
    PeerClient peers;
    @Inject
    JsonWebToken token;

    @Schema(name = "MediaProjectionDifference")
    public record Difference(String projection, UUID id, String reference, String held, String actual) {
    }

    @Schema(name = "MediaProjectionReconciliation")
    public record Report(int recordsInFeeds, List<Difference> differences, int repaired) {
    }

    /** A record as its producer's feed has it now; status only for incidents, version absent on tombstones. */
    private record FeedState(String projection, UUID id, String reference, String status, Long version, UUID incidentId,
            boolean deleted) {
        String describe() {
            return (status == null ? "" : status + " ") + (version == null ? "" : "v" + version) + (deleted ? " deleted" : "");
        }
    }

    @GET
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Compare the incident and casualty projections with their producers' changes feeds (read only)")
    public Report check() {
        return reconcile(false);
    }

    @POST
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Compare, and set every differing record as the feeds have it")
    public Report repair() {
        return reconcile(true);
    }

    private Report reconcile(boolean repair) {
        List<FeedState> feed = new ArrayList<>();
        peers.readFeed("incident-service", "/api/v1/incidents/changes", token.getRawToken(), item -> feed.add(incident(item)));
        peers.readFeed("casualty-service", "/api/v1/casualties/changes", token.getRawToken(), item -> feed.add(casualty(item)));
        List<Difference> differences = new ArrayList<>();
        int repaired = 0;
        for (FeedState actual : feed) {
            String held = QuarkusTransaction.requiringNew().call(() -> held(actual));
            if (held == null) {
                continue;
            }
            differences.add(new Difference(actual.projection(), actual.id(), actual.reference(), held, actual.describe()));
            if (repair) {
                QuarkusTransaction.requiringNew().run(() -> apply(actual));
                repaired++;
            }
        }
        return new Report(feed.size(), differences, repaired);
    }

    /** How the projection holds the record when it differs from the feed; null when they agree. */
    private static String held(FeedState actual) {
        if ("incident".equals(actual.projection())) {
            IncidentProjection held = IncidentProjection.findById(actual.id());
            if (held == null) {
                return "missing";
            }
            // Versions are not compared: incident-service also versions changes no incident event carries (its
            // casualty summary), so the feed's version runs ahead of the events' without anything differing.
            boolean same = (actual.status() == null || held.status.equals(actual.status())) && held.deleted == actual.deleted()
                    && held.reference.equals(actual.reference());
            return same ? null : held.status + " v" + held.version + (held.deleted ? " deleted" : "");
        }
        CasualtyProjection held = CasualtyProjection.findById(actual.id());
        if (held == null) {
            return "missing";
        }
        boolean same = held.deleted == actual.deleted() && held.reference.equals(actual.reference())
                && (actual.version() == null || held.version == actual.version());
        return same ? null : "v" + held.version + (held.deleted ? " deleted" : "");
    }

    private static FeedState incident(JsonNode item) {
        UUID id = UUID.fromString(item.path("id").asText());
        if (item.path("tombstone").asBoolean()) {
            String status = switch (item.path("change").asText()) {
                case "retracted" -> "retracted";
                case "merged" -> "merged";
                default -> null; // deleted: the feed does not say its last status
            };
            return new FeedState("incident", id, item.path("reference").asText(), status, null, null, status == null);
        }
        JsonNode incident = item.path("incident");
        return new FeedState("incident", id, item.path("reference").asText(), incident.path("status").asText(),
                incident.path("version").asLong(), null, false);
    }

    private static FeedState casualty(JsonNode item) {
        UUID id = UUID.fromString(item.path("id").asText());
        if (item.path("tombstone").asBoolean()) {
            return new FeedState("casualty", id, item.path("reference").asText(), null, null, null, true);
        }
        JsonNode record = item.path("record");
        UUID incidentId = record.hasNonNull("incidentId") ? UUID.fromString(record.path("incidentId").asText()) : null;
        return new FeedState("casualty", id, item.path("reference").asText(), null, record.path("version").asLong(),
                incidentId, false);
    }

    private void apply(FeedState actual) {
        if ("incident".equals(actual.projection())) {
            IncidentProjection incident = IncidentProjection.findById(actual.id());
            boolean wasPublished = incident != null && incident.isPublished();
            if (incident == null) {
                incident = new IncidentProjection();
                incident.id = actual.id();
            }
            incident.reference = actual.reference();
            if (actual.status() != null || incident.status == null) {
                incident.status = actual.status() == null ? "draft" : actual.status();
            }
            if (actual.version() != null) {
                incident.version = actual.version();
            }
            incident.deleted = actual.deleted();
            incident.updatedAt = Instant.now();
            incident.persist();
            if (incident.isPublished() != wasPublished) {
                IncidentProjection.flush();
                assets.publicationChanged(incident.id, incident.isPublished());
            }
            return;
        }
        CasualtyProjection casualty = CasualtyProjection.findById(actual.id());
        if (casualty == null) {
            casualty = new CasualtyProjection();
            casualty.id = actual.id();
        }
        casualty.reference = actual.reference();
        if (actual.version() != null) {
            casualty.version = actual.version();
            casualty.incidentId = actual.incidentId();
        }
        casualty.deleted = actual.deleted();
        casualty.updatedAt = Instant.now();
        casualty.persist();
    }
}
