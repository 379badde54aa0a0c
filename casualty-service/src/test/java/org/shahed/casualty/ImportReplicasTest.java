package org.shahed.casualty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Arrays;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.shahed.testing.Database;
import org.shahed.testing.Metrics;

import io.quarkus.test.junit.QuarkusTest;

/**
 * Import jobs as several replicas see them, with the other replica played by rows in the shared database: a job
 * whose replica died is resumed here after its last committed batch, and a job another live replica holds is left
 * to it. (A replica that stops gives its job up for the next: see the system tests.)
 */
@QuarkusTest
class ImportReplicasTest {
    private static final String ELSEWHERE = "casualty-service-2@pod-b/9d1c";

    @Test
    void aJobWhoseReplicaDiedIsResumedAfterItsLastCommittedBatchAndNoRowIsWrittenTwice() throws Exception {
        String batch = "died-" + UUID.randomUUID();
        // The other replica had committed rows 1 to 40 (so far as the job says) when it died; its lease ran out.
        UUID job = jobLeftBy(ELSEWHERE, "now() - interval '1 second'", 40, SeedVictims.csv(UUID.randomUUID(), batch));

        await("the job resumed here and completed").atMost(Duration.ofSeconds(60))
                .until(() -> column(job, "status"), "completed"::equals);

        assertThat(column(job, "rows_read")).isEqualTo("92");
        assertThat(column(job, "rows_accepted")).isEqualTo("92");
        assertThat(column(job, "rows_created")).as("40 there, then 41 to 92 here").isEqualTo("92");
        assertThat(column(job, "rows_unchanged")).isEqualTo("0");
        assertThat(column(job, "claimed_by")).isNull();
        assertThat(Database.count("select count(*) from import_file_chunk where job_id = '" + job + "'")).as("its file").isZero();
        // Rows the other replica had written are not read again: none of rows 1 to 40 came from this replica.
        assertThat(Database.count("select count(*) from casualty where external_id like '" + batch + "-%'")).isEqualTo(52);
        assertThat(Database.count("select count(*) from casualty where external_id in ('" + batch + "-40', '" + batch + "-1')")).isZero();
        assertThat(Database.count("select count(*) from casualty where external_id = '" + batch + "-41'")).isEqualTo(1);
        // The metrics count the rows written here, and the jobs by state.
        assertThat(Metrics.value("shahed_imports_rows_total{dry_run=\"false\",outcome=\"accepted\"}")).isGreaterThanOrEqualTo(52);
        await("the jobs' gauge refreshed").atMost(Duration.ofSeconds(15))
                .until(() -> Metrics.value("shahed_imports_jobs{state=\"completed\"}"), completed -> completed >= 1);
    }

    @Test
    void aJobAnotherLiveReplicaHoldsIsLeftToItUntilItsLeaseRunsOut() throws Exception {
        UUID job = jobLeftBy(ELSEWHERE, "now() + interval '1 hour'", 0,
                SeedVictims.csv(UUID.randomUUID(), "held-" + UUID.randomUUID()));

        await("the job left to its replica").during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                .until(() -> ELSEWHERE.equals(column(job, "claimed_by")) && "0".equals(column(job, "rows_read")));

        Database.update("update import_job set lease_until = now() - interval '1 second' where id = '" + job + "'");
        await("the job taken over once the lease ran out").atMost(Duration.ofSeconds(60))
                .until(() -> column(job, "status"), "completed"::equals);
        assertThat(column(job, "rows_created")).isEqualTo("92");
    }

    /** A job as another replica leaves it: running, claimed by {@code holder} until {@code leaseUntil}. */
    private static UUID jobLeftBy(String holder, String leaseUntil, long rowsCommitted, String csv) throws Exception {
        UUID job = UUID.randomUUID();
        byte[] file = csv.getBytes(StandardCharsets.UTF_8);
        try (Connection db = Database.connect()) {
            db.setAutoCommit(false);
            try (PreparedStatement insert = db.prepareStatement("""
                    insert into import_job (id, format, status, bytes_total, rows_read, rows_accepted, rows_created,
                                            dry_run, created_at, created_by, organisation, started_at, claimed_by,
                                            lease_until)
                    values (?, 'csv', 'running', ?, ?, ?, ?, false, now(), 'ingest-script', 'snhr', now(), ?,
                            """ + leaseUntil + ")")) {
                insert.setObject(1, job);
                insert.setLong(2, file.length);
                insert.setLong(3, rowsCommitted);
                insert.setLong(4, rowsCommitted);
                insert.setLong(5, rowsCommitted);
                insert.setString(6, holder);
                insert.executeUpdate();
            }
            // In two chunks, as a larger file would be kept.
            int half = file.length / 2;
            try (PreparedStatement chunk = db.prepareStatement(
                    "insert into import_file_chunk (job_id, position, data) values (?, ?, ?)")) {
                for (int position = 0; position < 2; position++) {
                    chunk.setObject(1, job);
                    chunk.setInt(2, position);
                    chunk.setBytes(3, position == 0 ? Arrays.copyOf(file, half) : Arrays.copyOfRange(file, half, file.length));
                    chunk.executeUpdate();
                }
            }
            db.commit();
        }
        return job;
    }

    private static String column(UUID job, String column) throws Exception {
        try (Connection db = Database.connect();
                ResultSet row = db.createStatement().executeQuery("select " + column + " from import_job where id = '" + job + "'")) {
            row.next();
            return row.getString(1);
        }
    }
}
