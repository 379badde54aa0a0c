package org.shahed.incident.projection;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.shahed.incident.incident.CasualtySummary;
import org.shahed.incident.incident.Incident;
import org.shahed.incident.incident.Incidents;
import org.shahed.platform.inbox.PeerClient;
import org.shahed.platform.security.Roles;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * Reconciliation of the casualty summaries this service keeps from casualty-service's counts-changed events: the
 * check compares every incident's summary with casualty-service's current counts and lists the differences; the
 * repair makes them equal. For when events were lost to an outage longer than the topic's retention, or after
 * restoring a backup.
 */
@Path("/api/v1/admin/reconciliation/casualty-summaries")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Reconciliation", description = "Checks and rebuilds of what this service keeps from other services' events")
public class CasualtyCountsReconciliationResource {
    @Inject
    PeerClient peers;
    @Inject
    Incidents incidents;
    @Inject
    ObjectMapper json;
    @Inject
    JsonWebToken token;

    @Schema(name = "SummaryDifference")
    public record Difference(UUID incidentId, String reference, JsonNode held, JsonNode actual) {
    }

    @Schema(name = "SummaryReconciliation")
    public record Report(int incidentsChecked, List<Difference> differences, int repaired) {
    }

    @GET
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Compare every incident's casualty summary with casualty-service's counts (read only)")
    public Report check() {
        return reconcile(false);
    }

    @POST
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Compare, and set every differing summary to casualty-service's counts")
    public Report repair() {
        return reconcile(true);
    }

    private Report reconcile(boolean repair) {
        List<Incident> all = QuarkusTransaction.requiringNew().call(() -> Incident.<Incident>list("deletedAt is null"));
        List<Difference> differences = new ArrayList<>();
        int repaired = 0;
        for (Incident incident : all) {
            JsonNode counts = peers.get("casualty-service", "/api/v1/casualty-counts/" + incident.id, token.getRawToken())
                    .orElse(null);
            CasualtySummary actual = counts == null || counts.path("named").isMissingNode() || counts.path("named").isNull()
                    ? null : summary(counts);
            CasualtySummary held = incident.casualtySummary == null ? null : read(incident.casualtySummary);
            if (same(held, actual)) {
                continue;
            }
            differences.add(new Difference(incident.id, incident.reference, json.valueToTree(held), json.valueToTree(actual)));
            if (repair && actual != null && QuarkusTransaction.requiringNew().call(
                    () -> incidents.replaceCasualtySummary(incident.id, actual))) {
                repaired++;
            }
        }
        return new Report(all.size(), differences, repaired);
    }

    /** Equal figures (the versions and times of the two sides need not match). */
    private boolean same(CasualtySummary held, CasualtySummary actual) {
        if (held == null || actual == null) {
            return held == actual;
        }
        return json.valueToTree(figures(held)).equals(json.valueToTree(figures(actual)));
    }

    private static List<Object> figures(CasualtySummary s) {
        return Arrays.asList(s.killed(), s.children(), s.women(), s.men(), s.injured(), s.missing());
    }

    private CasualtySummary summary(JsonNode counts) {
        try {
            JsonNode named = counts.path("named");
            ObjectNode node = json.createObjectNode();
            for (String figure : List.of("killed", "children", "women", "men", "injured", "missing")) {
                node.set(figure, named.path(figure));
            }
            node.set("asOf", counts.path("asOf"));
            node.put("version", counts.path("version").asLong());
            return json.treeToValue(node, CasualtySummary.class);
        } catch (Exception e) {
            throw new IllegalStateException("casualty-service's counts are unreadable", e);
        }
    }

    private CasualtySummary read(String stored) {
        try {
            return json.readValue(stored, CasualtySummary.class);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
