package org.shahed.casualty;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.shahed.platform.store.Retention;
import org.shahed.testing.Database;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/** casualty-service's retention: idempotency keys after a day, import row errors a month after the import. */
@QuarkusTest
class CasualtyRetentionTest {
    @Inject
    Retention retention;

    @Test
    void oldKeysAndTheErrorsOfLongFinishedImportsAreDeletedWhileTheJobsAndRecentOnesStay() throws Exception {
        String oldKey = idempotencyKey(Instant.now().minus(Duration.ofHours(30)));
        String freshKey = idempotencyKey(Instant.now().minus(Duration.ofHours(2)));
        UUID longFinished = finishedImportWithAnError(Instant.now().minus(Duration.ofDays(40)));
        UUID lately = finishedImportWithAnError(Instant.now().minus(Duration.ofDays(2)));

        assertThat(retention.pruneAll()).containsKeys("idempotency keys", "import row errors");

        assertThat(Database.count("select count(*) from idempotency_key where key = '" + oldKey + "'")).isZero();
        assertThat(Database.count("select count(*) from idempotency_key where key = '" + freshKey + "'")).isEqualTo(1);
        assertThat(Database.count("select count(*) from import_error where job_id = '" + longFinished + "'")).isZero();
        assertThat(Database.count("select count(*) from import_job where id = '" + longFinished + "'")).as("the job itself").isEqualTo(1);
        assertThat(Database.count("select count(*) from import_error where job_id = '" + lately + "'")).isEqualTo(1);
    }

    private static String idempotencyKey(Instant createdAt) throws Exception {
        String key = "retention-" + UUID.randomUUID();
        try (Connection db = Database.connect(); PreparedStatement insert = db.prepareStatement("""
                insert into idempotency_key (scope, key, request_hash, resource_id, created_at)
                values ('ingest-script:casualties', ?, 'hash', ?, ?)""")) {
            insert.setString(1, key);
            insert.setObject(2, UUID.randomUUID());
            insert.setTimestamp(3, Timestamp.from(createdAt));
            insert.executeUpdate();
        }
        return key;
    }

    private static UUID finishedImportWithAnError(Instant finishedAt) throws Exception {
        UUID job = UUID.randomUUID();
        try (Connection db = Database.connect()) {
            try (PreparedStatement insert = db.prepareStatement("""
                    insert into import_job (id, format, status, bytes_total, rows_read, rows_rejected, dry_run, created_at,
                                            created_by, organisation, started_at, finished_at)
                    values (?, 'csv', 'completed', 100, 1, 1, false, ?, 'ingest-script', 'snhr', ?, ?)""")) {
                insert.setObject(1, job);
                insert.setTimestamp(2, Timestamp.from(finishedAt));
                insert.setTimestamp(3, Timestamp.from(finishedAt));
                insert.setTimestamp(4, Timestamp.from(finishedAt));
                insert.executeUpdate();
            }
            try (PreparedStatement error = db.prepareStatement(
                    "insert into import_error (job_id, row_number, field, reason) values (?, 1, 'sex', '''dragon'' is not a valid value')")) {
                error.setObject(1, job);
                error.executeUpdate();
            }
        }
        return job;
    }
}
