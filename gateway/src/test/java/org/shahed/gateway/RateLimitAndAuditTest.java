package org.shahed.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;
import static org.awaitility.Awaitility.await;

import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.eclipse.microprofile.config.ConfigProvider;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.shahed.testing.Database;
import org.shahed.testing.Tokens;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** Rate limits per key and role, and the audit log of every request through the gateway. */
@QuarkusTest
@WithTestResource(value = StubBackendResource.class, scope = TestResourceScope.GLOBAL)
class RateLimitAndAuditTest {

    @Test
    void aKeyAboveItsRateLimitGets429WithRetryAfterAndNothingReachesTheService() {
        String key = ApiKeysTest.createKey(Map.of("name", "tight", "organisation", "X", "roles", List.of("partner"),
                "rateLimit", Map.of("capacity", 3, "period", "PT1M"))).path("key");
        for (int remaining = 2; remaining >= 0; remaining--) {
            given().header("X-API-Key", key).when().get("/api/v1/thesauri").then().statusCode(200)
                    .header("RateLimit-Limit", "3").header("RateLimit-Remaining", String.valueOf(remaining));
        }
        int before = StubBackendResource.requests;
        var refused = given().header("X-API-Key", key).when().get("/api/v1/thesauri").then().statusCode(429)
                .contentType("application/problem+json").header("RateLimit-Remaining", "0").extract();
        assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(1L, 20L);
        assertThat(StubBackendResource.requests).isEqualTo(before);
        // Another key of the same role has its own bucket.
        given().header("X-API-Key", ApiKeysTest.partnerKey("roomy")).when().get("/api/v1/thesauri").then().statusCode(200)
                .header("RateLimit-Limit", "600");
    }

    @Test
    void tokensAreLimitedByTheirRolesMostGenerousLimit() {
        given().header("Authorization", "Bearer " + Tokens.forRoles("limits-" + UUID.randomUUID(), Set.of("partner")))
                .when().get("/api/v1/thesauri").then().statusCode(200)
                .header("RateLimit-Limit", "600").header("RateLimit-Remaining", "599");
        given().header("Authorization", "Bearer " + Tokens.forRoles("limits-" + UUID.randomUUID(), Set.of("partner", "ingest")))
                .when().get("/api/v1/thesauri").then().statusCode(200).header("RateLimit-Limit", "6000");
    }

    @Test
    void aKeysBucketIsSharedWithOtherReplicas() throws Exception {
        var created = ApiKeysTest.createKey(Map.of("name", "shared", "organisation", "X", "roles", List.of("partner"),
                "rateLimit", Map.of("capacity", 5, "period", "PT1M")));
        String key = created.path("key");
        given().header("X-API-Key", key).when().get("/api/v1/thesauri").then().statusCode(200)
                .header("RateLimit-Remaining", "4");
        // Another gateway replica takes the rest of the key's bucket (as it does, through the same function).
        try (var connection = Database.connect(); var take = connection.prepareStatement(
                "SELECT taken FROM rate_limit_take(?, 5, 5 / 60.0, 10)")) {
            take.setString(1, "key:" + created.<String>path("apiKey.id"));
            try (var row = take.executeQuery()) {
                row.next();
                assertThat(row.getInt(1)).isEqualTo(4);
            }
        }
        given().header("X-API-Key", key).when().get("/api/v1/thesauri").then().statusCode(429)
                .header("RateLimit-Remaining", "0");
    }

    @Test
    void everyRequestIsAuditedWithWhoWhatWhenAndResultRefusalsIncluded() throws Exception {
        var created = ApiKeysTest.createKey(Map.of("name", "audited", "organisation", "UN CoI", "roles", List.of("partner")));
        String key = created.path("key");
        String keyId = created.path("apiKey.id");
        UUID incident = UUID.randomUUID();
        Instant since = Instant.now().minusSeconds(1);
        String traceparent = given().header("X-API-Key", key).header("X-Request-Id", "pull-1").when()
                .get("/api/v1/incidents/" + incident + "?fields=all").then().statusCode(200).extract().path("traceparent");
        given().header("X-API-Key", key).when().get("/api/v1/admin/audit-log").then().statusCode(403);
        given().header("Authorization", Tokens.bearer("admin")).when().delete("/api/v1/admin/api-keys/" + keyId)
                .then().statusCode(204);
        given().header("X-API-Key", key).when().get("/api/v1/incidents/" + incident).then().statusCode(401);

        JsonPath byKey = awaitEntries("apiKeyId=" + keyId, 2);
        assertThat(byKey.getList("items.subject", String.class)).containsOnly("api-key:" + keyId);
        assertThat(byKey.getList("items.status", Integer.class)).containsExactly(200, 403);
        assertThat(byKey.getString("items[0].method")).isEqualTo("GET");
        assertThat(byKey.getString("items[0].path")).isEqualTo("/api/v1/incidents/" + incident);
        assertThat(byKey.getString("items[0].query")).isEqualTo("fields=all");
        assertThat(byKey.getString("items[0].requestId")).isEqualTo("pull-1");
        assertThat(byKey.getString("items[0].backend")).isEqualTo("incident-service");
        // The request's trace goes on to the service (W3C traceparent), and the entry names it.
        assertThat(traceparent).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]");
        assertThat(byKey.getString("items[0].traceId")).isEqualTo(traceparent.split("-")[1]);
        assertThat(byKey.getList("items[0].roles", String.class)).containsExactly("partner");
        assertThat(byKey.getString("items[0].clientIp")).isEqualTo("127.0.0.1");
        assertThat(Instant.parse(byKey.getString("items[0].at"))).isAfter(since);

        // By resource: the key's pull and the refused attempt after revocation (no caller known) are both there.
        JsonPath byResource = awaitEntries("resourceId=" + incident, 2);
        assertThat(byResource.getList("items.status", Integer.class)).containsExactly(200, 401);
        assertThat(byResource.getString("items[1].subject")).isNull();
        JsonPath revocation = awaitEntries("resourceId=" + keyId + "&method=DELETE", 1);
        assertThat(revocation.getString("items[0].subject")).isEqualTo("test-admin");
        assertThat(revocation.getInt("items[0].status")).isEqualTo(204);

        // Append-only: the database refuses to change or remove an entry.
        try (var connection = DriverManager.getConnection(
                ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.url", String.class), "postgres", "")) {
            for (String change : List.of("UPDATE audit_entry SET path = '/'", "DELETE FROM audit_entry",
                    "UPDATE audit_outcome SET status = 200", "DELETE FROM audit_outcome", "TRUNCATE audit_entry",
                    "TRUNCATE " + currentMonthPartition("audit_outcome"))) {
                assertThatThrownBy(() -> connection.createStatement().executeUpdate(change)).as(change)
                        .isInstanceOf(SQLException.class).hasMessageContaining("append-only");
            }
        }
    }

    @Test
    void theAuditLogIsPagedAndOnlyForAdmins() throws Exception {
        String subject = "pager-" + UUID.randomUUID();
        String token = Tokens.forRoles(subject, Set.of("analyst"));
        for (int i = 0; i < 3; i++) {
            given().header("Authorization", "Bearer " + token).when().get("/api/v1/thesauri").then().statusCode(200);
        }
        awaitEntries("subject=" + subject, 3);
        var first = given().header("Authorization", Tokens.bearer("admin")).queryParam("subject", subject)
                .queryParam("limit", 2).when().get("/api/v1/admin/audit-log").then().statusCode(200).extract();
        assertThat(first.<List<Object>>path("items")).hasSize(2);
        given().header("Authorization", Tokens.bearer("admin")).queryParam("subject", subject)
                .queryParam("cursor", first.<String>path("next")).when().get("/api/v1/admin/audit-log").then()
                .statusCode(200).body("items.size()", equalTo(1)).body("next", Matchers.nullValue());
        given().header("Authorization", "Bearer " + token).when().get("/api/v1/admin/audit-log").then().statusCode(403);
    }

    static JsonPath awaitEntries(String query, int count) {
        return await(count + " audit entries for " + query).atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100))
                .until(() -> given().header("Authorization", Tokens.bearer("admin")).when().get("/api/v1/admin/audit-log?" + query)
                        .then().statusCode(200).extract().jsonPath(),
                        // An entry is written before its answer, its outcome after: wait for both.
                        page -> page.getList("items").size() >= count && !page.getList("items.status").contains(null));
    }

    static String currentMonthPartition(String table) {
        return table + "_" + DateTimeFormatter.ofPattern("yyyy_MM").withZone(ZoneOffset.UTC)
                .format(Instant.now());
    }
}
