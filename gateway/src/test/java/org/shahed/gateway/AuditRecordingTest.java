package org.shahed.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.shahed.gateway.audit.AuditPartitions;
import org.shahed.testing.Database;
import org.shahed.testing.Tokens;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;

/**
 * The audit log is durable before anything is answered: an answer waits for its entry, a write reaches its service
 * only once it is on record, and a request whose entry cannot be written in time (here: the table locked from
 * outside; in life, the database down) is refused rather than served unrecorded. Retention drops whole months past
 * the legal hold and nothing else.
 */
@QuarkusTest
@WithTestResource(value = StubBackendResource.class, scope = TestResourceScope.GLOBAL)
class AuditRecordingTest {
    @Inject
    AuditPartitions partitions;

    @Test
    void requestsThatCannotBeRecordedAreRefusedAndNoWriteReachesItsService() throws Exception {
        String subject = "unrecorded-" + UUID.randomUUID();
        String token = Tokens.forRoles(subject, Set.of("analyst"));
        int backendRequestsBefore = StubBackendResource.requests;
        try (Connection blocker = Database.connect()) {
            blocker.setAutoCommit(false);
            // Reads of the log go on; no entry can be written until this transaction ends.
            blocker.createStatement().execute("LOCK TABLE audit_entry IN EXCLUSIVE MODE");

            long started = System.nanoTime();
            given().header("Authorization", "Bearer " + token).when().get("/api/v1/incidents/" + UUID.randomUUID())
                    .then().statusCode(503).contentType("application/problem+json").header("Retry-After", "5");
            // The read went to the service while its entry was being written; its answer waited, then was dropped.
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
            assertThat(StubBackendResource.requests).isEqualTo(backendRequestsBefore + 1);

            given().header("Authorization", "Bearer " + token).contentType("application/json").body("{}")
                    .when().post("/api/v1/incidents").then().statusCode(503);
            assertThat(StubBackendResource.requests).as("a write is passed on only once it is recorded")
                    .isEqualTo(backendRequestsBefore + 1);

            // The gateway's own refusals wait for their entry too.
            given().when().get("/api/v1/incidents/" + subject).then().statusCode(503);
            blocker.commit();
        }
        // Once the database takes them, the entries are written, with what was answered.
        JsonPath entries = RateLimitAndAuditTest.awaitEntries("subject=" + subject, 2);
        assertThat(entries.getList("items.method", String.class)).containsExactly("GET", "POST");
        assertThat(entries.getList("items.status", Integer.class)).containsExactly(503, 503);
        given().header("Authorization", "Bearer " + token).when().get("/api/v1/incidents/" + UUID.randomUUID())
                .then().statusCode(200);
    }

    @Test
    void monthsPastTheRetentionAreDroppedWholeAndNothingInsideTheLegalHold() throws Exception {
        // Test settings: retention and legal hold both 3650 days.
        Instant now = Instant.now();
        LocalDate expiredMonth = LocalDate.ofInstant(now.minus(Duration.ofDays(3650 + 62)), ZoneOffset.UTC).withDayOfMonth(1);
        LocalDate heldMonth = LocalDate.ofInstant(now.minus(Duration.ofDays(3650 - 62)), ZoneOffset.UTC).withDayOfMonth(1);
        String path = "/api/v1/retention-" + UUID.randomUUID();
        try (Connection db = Database.connect()) {
            for (LocalDate month : List.of(expiredMonth, heldMonth)) {
                PreparedStatement add = db.prepareStatement("SELECT audit_log_add_month(?)");
                add.setDate(1, Date.valueOf(month));
                add.execute();
                PreparedStatement insert = db.prepareStatement("INSERT INTO audit_entry (at, method, path) VALUES (?, 'GET', ?)");
                insert.setTimestamp(1, Timestamp.from(month.plusDays(3).atStartOfDay(ZoneOffset.UTC).toInstant()));
                insert.setString(2, path);
                insert.execute();
            }
        }

        List<String> dropped = partitions.maintain(now);

        String expired = expiredMonth.toString().substring(0, 7).replace('-', '_');
        assertThat(dropped).contains("audit_entry_" + expired, "audit_outcome_" + expired)
                .noneMatch(name -> name.endsWith(heldMonth.toString().substring(0, 7).replace('-', '_')));
        assertThat(Database.count("select count(*) from audit_entry where path = '" + path + "'")).isEqualTo(1);
        assertThat(Database.count("select count(*) from audit_entry where path = '" + path + "' and at >= '"
                + heldMonth + "'")).isEqualTo(1);
        // The months ahead are ready before their first request.
        LocalDate ahead = LocalDate.ofInstant(now, ZoneOffset.UTC).withDayOfMonth(1).plusMonths(3);
        assertThat(Database.count("select count(*) from pg_class where relname = 'audit_entry_"
                + ahead.toString().substring(0, 7).replace('-', '_') + "'")).isEqualTo(1);
    }

    @Test
    void aRetentionShorterThanTheLegalHoldIsRefused() {
        assertThatThrownBy(() -> AuditPartitions.checkRetention(Optional.of(Duration.ofDays(365)), Duration.ofDays(3650)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("legal hold");
        AuditPartitions.checkRetention(Optional.of(Duration.ofDays(3650)), Duration.ofDays(3650));
        AuditPartitions.checkRetention(Optional.empty(), Duration.ofDays(3650));
    }
}
