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

/**
 * A casualty-service stopped in the middle of an import (a deployment rolling its pods) gives the job up rather than
 * failing it, and the service started again resumes it after its last committed batch: every row lands once.
 */
@ExtendWith(RunningSuite.class)
class ImportRestartTest {
    private static final int ROWS = 40_000;

    @Test
    void anImportInterruptedByAStopResumesAfterTheRestartAndEveryRowLandsOnce() throws Exception {
        String tag = "restart-" + UUID.randomUUID();
        StringBuilder csv = new StringBuilder("source_system,external_id,sex,outcome,status,documentation_level\n");
        for (int i = 1; i <= ROWS; i++) {
            csv.append("restart-check,").append(tag).append('-').append(i).append(i % 2 == 0 ? ",female" : ",male")
                    .append(",killed,civilian,reported\n");
        }
        RunningSuite.Suite suite = RunningSuite.suite();
        Api.Raw accepted = Api.raw("POST", suite.url("casualty-service") + "/api/v1/casualty-imports", "Authorization",
                "Bearer " + suite.token("ingest"), csv.toString().getBytes(StandardCharsets.UTF_8), "Content-Type", "text/csv");
        assertThat(accepted.status()).as(accepted.text()).isEqualTo(202);
        String job = Api.JSON.readTree(accepted.text()).path("id").asText();

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
