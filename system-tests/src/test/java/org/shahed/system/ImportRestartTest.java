package org.shahed.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.shahed.infra.PostgresServer;
import org.shahed.infra.ServiceProcess;

/**
 * Imports across restarts and replicas. A casualty-service stopped in the middle of an import (a deployment rolling
 * its pods) gives the job up rather than failing it, and the service started again resumes it after its last
 * committed batch; a replica killed in the middle (a crash) leaves its job to another once its lease runs out. Either
 * way every row lands once, and the counts that reach incident-service are right.
 */
@ExtendWith(RunningSuite.class)
class ImportRestartTest {
    private static final int ROWS = 40_000;

    @Test
    void anImportInterruptedByAStopResumesAfterTheRestartAndEveryRowLandsOnce() throws Exception {
        String tag = "restart-" + UUID.randomUUID();
        RunningSuite.Suite suite = RunningSuite.suite();
        String job = startImport(suite.url("casualty-service"), tag, null);

        await("a first batch committed").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                .until(() -> Long.parseLong(job(job).get("rows_read")) > 0);
        suite.services().stop("casualty-service");
        try {
            Map<String, String> interrupted = job(job);
            assertThat(interrupted.get("status")).as("given up, not failed").isEqualTo("running");
            assertThat(interrupted.get("claimed_by")).as("free for the next replica").isNull();
            assertThat(Long.parseLong(interrupted.get("rows_read"))).isBetween(1L, ROWS - 1L);
        } finally {
            suite.services().start("casualty-service");
            suite.services().awaitReady(Duration.ofMinutes(3));
        }

        await("the job resumed and completed").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500))
                .until(() -> job(job).get("status"), "completed"::equals);
        Map<String, String> done = job(job);
        assertThat(done.get("rows_read")).isEqualTo(String.valueOf(ROWS));
        assertThat(done.get("rows_accepted")).isEqualTo(String.valueOf(ROWS));
        assertThat(done.get("rows_created")).isEqualTo(String.valueOf(ROWS));
        assertThat(done.get("rows_unchanged")).as("no row read twice").isEqualTo("0");
        assertEveryRowStoredOnce(tag);
    }

    @Test
    void anImportWhoseReplicaIsKilledIsFinishedByAnotherReplicaAndEveryRowLandsOnce() throws Exception {
        RunningSuite.Suite suite = RunningSuite.suite();
        String incident = ConsistencyTest.createIncident();
        String tag = "killed-" + UUID.randomUUID();
        // A second replica whose claims hold 5 s unless renewed. The import is sent to it, and it nearly always
        // claims the job first; whichever replica holds the job is killed, and the other one must finish it.
        ServiceProcess second = suite.services().startReplica("casualty-service", "casualty-service-2",
                Map.of("shahed.casualty.imports.lease", "5s"));
        try {
            second.awaitReady(Duration.ofMinutes(3));
            String job = startImport(second.url(), tag, incident);
            Map<String, String> running = await("a first batch committed").atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> job(job), row -> Long.parseLong(row.get("rows_read")) > 0 && row.get("claimed_by") != null);
            suite.services().kill(running.get("claimed_by").startsWith(second.pid() + "@") ? "casualty-service-2" : "casualty-service");

            await("the job finished by the other replica").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500))
                    .until(() -> job(job).get("status"), "completed"::equals);
            Map<String, String> done = job(job);
            assertThat(done.get("rows_accepted")).isEqualTo(String.valueOf(ROWS));
            assertThat(done.get("rows_created")).isEqualTo(String.valueOf(ROWS));
            assertThat(done.get("rows_unchanged")).as("no row read twice").isEqualTo("0");
            assertEveryRowStoredOnce(tag);
            // The counts' events, published by whichever replica's relay, reach incident-service once and right.
            ConsistencyTest.awaitSummary(incident, ROWS, 0, 0, 0);
        } finally {
            suite.services().stop("casualty-service-2");
            if (suite.services().running().stream().noneMatch(process -> process.name().equals("casualty-service"))) {
                suite.services().start("casualty-service");
                suite.services().awaitReady(Duration.ofMinutes(3));
            }
        }
    }

    /** Starts an import of {@code ROWS} killed men, tagged {@code tag}, at {@code service}; returns the job's id. */
    private static String startImport(String service, String tag, String incident) throws Exception {
        StringBuilder csv = new StringBuilder("source_system,external_id,incident_id,sex,age_years,outcome,status,documentation_level\n");
        for (int i = 1; i <= ROWS; i++) {
            csv.append("restart-check,").append(tag).append('-').append(i).append(',').append(incident == null ? "" : incident)
                    .append(",male,30,killed,civilian,reported\n");
        }
        Api.Raw accepted = Api.raw("POST", service + "/api/v1/casualty-imports", "Authorization",
                "Bearer " + RunningSuite.suite().token("ingest"), csv.toString().getBytes(StandardCharsets.UTF_8),
                "Content-Type", "text/csv");
        assertThat(accepted.status()).as(accepted.text()).isEqualTo(202);
        return Api.JSON.readTree(accepted.text()).path("id").asText();
    }

    private static void assertEveryRowStoredOnce(String tag) throws Exception {
        try (Connection db = casualtyDatabase();
                ResultSet count = db.createStatement().executeQuery(
                        "select count(*), count(distinct external_id) from casualty where external_id like '" + tag + "-%'")) {
            count.next();
            assertThat(count.getLong(1)).isEqualTo(ROWS);
            assertThat(count.getLong(2)).isEqualTo(ROWS);
        }
    }

    private static Map<String, String> job(String id) throws Exception {
        try (Connection db = casualtyDatabase();
                ResultSet row = db.createStatement().executeQuery("select status, claimed_by, rows_read, rows_accepted,"
                        + " rows_created, rows_unchanged from import_job where id = '" + UUID.fromString(id) + "'")) {
            row.next();
            Map<String, String> columns = new HashMap<>();
            for (int i = 1; i <= row.getMetaData().getColumnCount(); i++) {
                columns.put(row.getMetaData().getColumnName(i), row.getString(i));
            }
            return columns;
        }
    }

    private static Connection casualtyDatabase() throws Exception {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + RunningSuite.suite().infra().postgres().port()
                + "/casualty", PostgresServer.USER, "");
    }
}
