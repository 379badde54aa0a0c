package org.shahed.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.shahed.infra.PostgresServer;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * When a projection has drifted (here: incident-service's copy of an incident's summary damaged behind its back,
 * as a lost event or a restored backup would leave it), the admin's check reports the difference and the repair
 * makes it equal to casualty-service's counts again.
 */
@ExtendWith(RunningSuite.class)
class ReconciliationTest {

    @Test
    void theCheckReportsADriftedSummaryAndTheRepairRestoresIt() throws Exception {
        String incident = ConsistencyTest.createIncident();
        ConsistencyTest.writeConcurrently(incident, UUID.randomUUID().toString(), 12);
        ConsistencyTest.awaitSummary(incident, 12, 12, 0, 0);

        try (Connection db = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:"
                + RunningSuite.suite().infra().postgres().port() + "/incident", PostgresServer.USER, "");
                PreparedStatement drift = db.prepareStatement(
                        "update incident set casualty_summary = jsonb_set(casualty_summary, '{killed}', '{\"min\": 3, \"max\": 3}') where id = ?::uuid")) {
            drift.setString(1, incident);
            assertThat(drift.executeUpdate()).isEqualTo(1);
        }

        String admin = RunningSuite.suite().token("admin");
        String url = RunningSuite.suite().url("incident-service") + "/api/v1/admin/reconciliation/casualty-summaries";
        Api.Reply check = Api.send("GET", url, admin, null);
        assertThat(check.status()).as(check.body().toString()).isEqualTo(200);
        JsonNode difference = find(check.body(), incident);
        assertThat(difference).as("the drifted incident is reported").isNotNull();
        assertThat(difference.path("held").path("killed").path("min").asInt()).isEqualTo(3);
        assertThat(difference.path("actual").path("killed").path("min").asInt()).isEqualTo(12);
        assertThat(Api.send("GET", url, RunningSuite.suite().token("analyst"), null).status()).isEqualTo(403);

        Api.Reply repair = Api.send("POST", url, admin, null);
        assertThat(repair.status()).isEqualTo(200);
        assertThat(repair.body().path("repaired").asInt()).isGreaterThanOrEqualTo(1);
        ConsistencyTest.awaitSummary(incident, 12, 12, 0, 0);
        assertThat(find(Api.send("GET", url, admin, null).body(), incident)).as("nothing left to repair").isNull();
    }

    @Test
    void aProjectionMissingAnIncidentIsReportedAndRebuiltFromTheProducersFeed() throws Exception {
        String incident = ConsistencyTest.createIncident();
        String admin = RunningSuite.suite().token("admin");
        String url = RunningSuite.suite().url("casualty-service") + "/api/v1/admin/reconciliation/incident-projection";
        // casualty-service learns of the incident from its event; then the row is lost (a restored backup, say).
        await("casualty-service holds incident " + incident).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> find(Api.send("GET", url, admin, null).body(), incident) == null);
        try (Connection db = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:"
                + RunningSuite.suite().infra().postgres().port() + "/casualty", PostgresServer.USER, "");
                PreparedStatement lose = db.prepareStatement("delete from incident_projection where id = ?::uuid")) {
            lose.setString(1, incident);
            assertThat(lose.executeUpdate()).isEqualTo(1);
        }
        JsonNode missing = find(Api.send("GET", url, admin, null).body(), incident);
        assertThat(missing).isNotNull();
        assertThat(missing.path("held").asText()).isEqualTo("missing");
        assertThat(missing.path("actual").asText()).startsWith("draft v");

        assertThat(Api.send("POST", url, admin, null).body().path("repaired").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(find(Api.send("GET", url, admin, null).body(), incident)).isNull();
        // The rebuilt projection serves again: aggregates by perpetrator know the incident's party.
        ConsistencyTest.writeConcurrently(incident, UUID.randomUUID().toString(), 3);
        Api.awaitBody(RunningSuite.suite().url("casualty-service") + "/api/v1/casualty-aggregates?groupBy=perpetrator",
                RunningSuite.suite().token("analyst"), body -> body.toString().contains("russian-forces"),
                Duration.ofSeconds(30));
    }

    @Test
    void mediaServicesProjectionsAreCheckedAndRebuiltFromBothFeeds() throws Exception {
        String incident = ConsistencyTest.createIncident();
        String casualty = ConsistencyTest.writeConcurrently(incident, UUID.randomUUID().toString(), 1).get(0).body()
                .path("id").asText();
        String admin = RunningSuite.suite().token("admin");
        String url = RunningSuite.suite().url("media-service") + "/api/v1/admin/reconciliation/projections";
        await("media-service holds incident and casualty").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> Api.send("GET", url, admin, null).body(),
                        drift -> find(drift, incident) == null && find(drift, casualty) == null);
        try (Connection db = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:"
                + RunningSuite.suite().infra().postgres().port() + "/media", PostgresServer.USER, "");
                PreparedStatement loseIncident = db.prepareStatement("delete from incident_projection where id = ?::uuid");
                PreparedStatement loseCasualty = db.prepareStatement("update casualty_projection set deleted = true where id = ?::uuid")) {
            loseIncident.setString(1, incident);
            assertThat(loseIncident.executeUpdate()).isEqualTo(1);
            loseCasualty.setString(1, casualty);
            assertThat(loseCasualty.executeUpdate()).isEqualTo(1);
        }
        JsonNode report = Api.send("GET", url, admin, null).body();
        assertThat(find(report, incident).path("held").asText()).isEqualTo("missing");
        assertThat(find(report, casualty).path("held").asText()).isEqualTo("v1 deleted");

        Api.send("POST", url, admin, null);
        report = Api.send("GET", url, admin, null).body();
        assertThat(find(report, incident)).isNull();
        assertThat(find(report, casualty)).isNull();
    }

    private static JsonNode find(JsonNode report, String incident) {
        for (JsonNode difference : report.path("differences")) {
            if (incident.equals(difference.path("incidentId").asText()) || incident.equals(difference.path("id").asText())) {
                return difference;
            }
        }
        return null;
    }
}
