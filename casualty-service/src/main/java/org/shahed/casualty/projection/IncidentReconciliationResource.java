package org.shahed.casualty.projection;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.shahed.casualty.record.Casualties;
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
 * Reconciliation of the incident projection this service keeps from incident-service's events, against
 * incident-service's changes feed read from the beginning: the check lists incidents missing here or held with
 * another status, reference or version; the repair sets them as the feed has them. For when events were lost to
 * an outage longer than the topic's retention, or after restoring a backup.
 */
@Path("/api/v1/admin/reconciliation/incident-projection")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Reconciliation", description = "Checks and rebuilds of what this service keeps from other services' events")
public class IncidentReconciliationResource {
    @Inject
    PeerClient peers;
    @Inject
    JsonWebToken token;
    @Inject
    Casualties casualties;

    @Schema(name = "ProjectionDifference")
    public record Difference(UUID incidentId, String reference, String held, String actual) {
    }

    @Schema(name = "ProjectionReconciliation")
    public record Report(int incidentsInFeed, List<Difference> differences, int repaired) {
    }

    /** An incident as the producer's feed has it now. */
    private record FeedState(UUID id, String reference, String status, Long version, UUID mergedInto, boolean deleted,
            JsonNode record) {
        String describe() {
            return (status == null ? "" : status) + (version == null ? "" : " v" + version) + (deleted ? " deleted" : "");
        }
    }

    @GET
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Compare the incident projection with incident-service's changes feed (read only)")
    public Report check() {
        return reconcile(false);
    }

    @POST
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Compare, and set every differing incident as the feed has it")
    public Report repair() {
        return reconcile(true);
    }

    private Report reconcile(boolean repair) {
        List<FeedState> feed = new ArrayList<>();
        peers.readFeed("incident-service", "/api/v1/incidents/changes", token.getRawToken(), item -> feed.add(state(item)));
        List<Difference> differences = new ArrayList<>();
        int repaired = 0;
        for (FeedState actual : feed) {
            IncidentProjection held = QuarkusTransaction.requiringNew().call(() -> IncidentProjection.<IncidentProjection>findById(actual.id()));
            // Versions are not compared: incident-service also versions changes no incident event carries (its
            // casualty summary), so the feed's version runs ahead of the events' without anything differing.
            if (held != null && (actual.status() == null || held.status.equals(actual.status()))
                    && held.reference.equals(actual.reference()) && held.deleted == actual.deleted()
                    && (actual.record() == null || Arrays.equals(held.adminPcodes, pcodes(actual.record()))
                            && Arrays.equals(held.perpetratorParties, parties(actual.record())))) {
                continue;
            }
            differences.add(new Difference(actual.id(), actual.reference(),
                    held == null ? "missing" : held.status + " v" + held.version + (held.deleted ? " deleted" : ""),
                    actual.describe()));
            if (repair) {
                QuarkusTransaction.requiringNew().run(() -> apply(actual));
                repaired++;
            }
        }
        return new Report(feed.size(), differences, repaired);
    }

    private static FeedState state(JsonNode item) {
        UUID id = UUID.fromString(item.path("id").asText());
        String change = item.path("change").asText();
        UUID mergedInto = item.hasNonNull("survivorId") ? UUID.fromString(item.path("survivorId").asText())
                : item.hasNonNull("mergedInto") ? UUID.fromString(item.path("mergedInto").asText()) : null;
        if (item.path("tombstone").asBoolean()) {
            // A tombstone tells what ended the incident, not its version; a deleted one keeps its last status.
            String status = switch (change) {
                case "retracted" -> "retracted";
                case "merged" -> "merged";
                default -> null;
            };
            return new FeedState(id, item.path("reference").asText(), status, null, mergedInto, status == null, null);
        }
        JsonNode record = item.path("incident");
        return new FeedState(id, item.path("reference").asText(), record.path("status").asText(),
                record.path("version").asLong(), mergedInto, false, record);
    }

    private static String[] pcodes(JsonNode record) {
        List<String> pcodes = new ArrayList<>();
        record.path("location").path("adminAreas").forEach(area -> pcodes.add(area.path("pcode").asText()));
        return pcodes.toArray(String[]::new);
    }

    private static String[] parties(JsonNode record) {
        List<String> parties = new ArrayList<>();
        record.path("perpetrators").forEach(p -> parties.add(p.path("party").asText()));
        return parties.toArray(String[]::new);
    }

    private void apply(FeedState actual) {
        IncidentProjection incident = IncidentProjection.findById(actual.id());
        boolean wasPublished = incident != null && incident.isPublished();
        if (incident == null) {
            incident = new IncidentProjection();
            incident.id = actual.id();
            incident.adminPcodes = new String[0];
            incident.perpetratorParties = new String[0];
        }
        incident.reference = actual.reference();
        if (actual.status() != null || incident.status == null) {
            incident.status = actual.status() == null ? "draft" : actual.status();
        }
        incident.deleted = actual.deleted();
        incident.mergedInto = actual.mergedInto();
        if (actual.version() != null) {
            incident.version = actual.version();
        }
        JsonNode record = actual.record();
        if (record != null) {
            incident.startAt = record.path("start").hasNonNull("at") ? Instant.parse(record.path("start").path("at").asText()) : null;
            incident.adminPcodes = pcodes(record);
            incident.perpetratorParties = parties(record);
        }
        incident.updatedAt = Instant.now();
        incident.persist();
        if (incident.isPublished() != wasPublished) {
            IncidentProjection.flush();
            casualties.publicationChanged(incident.id, incident.isPublished());
        }
    }
}
