package org.shahed.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.awaitility.Awaitility.await;

import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.config.ConfigProvider;
import org.hamcrest.Matchers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.junit.jupiter.api.Test;
import org.shahed.testing.RealInfraResource;
import org.shahed.testing.Tokens;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;

/** API keys of partner organisations: made, used, limited to roles, time and addresses, rotated and revoked. */
@QuarkusTest
@WithTestResource(value = StubBackendResource.class, scope = TestResourceScope.GLOBAL)
class ApiKeysTest {

    static ExtractableResponse<Response> createKey(Map<String, Object> body) {
        return given().header("Authorization", Tokens.bearer("admin")).contentType("application/json").body(body)
                .when().post("/api/v1/admin/api-keys").then().statusCode(201).extract();
    }

    static String partnerKey(String name) {
        return createKey(Map.of("name", name, "organisation", "OHCHR", "roles", List.of("partner"))).path("key");
    }

    @Test
    void aKeyIsShownOnceStoredHashedAndExchangedForAShortLivedTokenTheServicesVerify() throws Exception {
        var created = createKey(Map.of("name", "Nightly casualty sync", "organisation", "OHCHR",
                "roles", List.of("partner")));
        String secret = created.path("key");
        String id = created.path("apiKey.id");
        assertThat(secret).startsWith("shk_").hasSizeGreaterThan(40);
        assertThat(created.header("Location")).endsWith("/api/v1/admin/api-keys/" + id);
        assertThat(secret).startsWith(created.<String>path("apiKey.keyPrefix"));

        // Admins see the key, never its secret again; the database holds only a hash.
        String shown = given().header("Authorization", Tokens.bearer("admin")).when().get("/api/v1/admin/api-keys/" + id)
                .then().statusCode(200).header("ETag", equalTo("\"0\"")).body("status", equalTo("active"))
                .body("roles", equalTo(List.of("partner"))).extract().asString();
        assertThat(shown).doesNotContain(secret);
        try (var connection = DriverManager.getConnection(
                ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.url", String.class),
                "postgres", "");
                var statement = connection.prepareStatement("SELECT key_hash FROM api_key WHERE id = ?::uuid")) {
            statement.setString(1, id);
            var rows = statement.executeQuery();
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).hasSize(64).isNotEqualTo(secret).doesNotContain(secret.substring(4));
        }

        // The service receives a bearer token for the key's roles, never the key.
        var forwarded = given().header("X-API-Key", secret).when().get("/api/v1/incidents?limit=5")
                .then().statusCode(200).body("apiKey", nullValue())
                .body("authorization", startsWith("Bearer ")).extract();
        String token = forwarded.<String>path("authorization").substring(7);
        // Signed with the gateway's own key, under its own issuer, for Shahed's audience, and named by its key id.
        var verified = new JwtConsumerBuilder().setVerificationKey(RealInfraResource.infra().gatewayKeys().publicKey())
                .setExpectedIssuer("urn:shahed:gateway").setExpectedAudience("shahed").setRequireExpirationTime().build()
                .process(token);
        assertThat(verified.getJoseObjects().get(0).getKeyIdHeaderValue()).isEqualTo("shahed-gateway-1");
        JwtClaims claims = verified.getJwtClaims();
        assertThat(claims.getStringListClaimValue("groups")).containsExactly("partner");
        assertThat(claims.getSubject()).isEqualTo("api-key:" + id);
        assertThat(claims.getClaimValueAsString("organisation")).isEqualTo("OHCHR");
        assertThat(claims.getExpirationTime().getValueInMillis() - System.currentTimeMillis())
                .isBetween(60_000L, 5 * 60_000L + 5_000L);
    }

    @Test
    void keysCarryOnlyPartnerOrIngestRolesAndOnlyAdminsManageThem() {
        given().header("Authorization", Tokens.bearer("admin")).contentType("application/json")
                .body(Map.of("name", "too strong", "organisation", "X", "roles", List.of("admin")))
                .when().post("/api/v1/admin/api-keys").then().statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", startsWith("roles"));
        given().header("Authorization", Tokens.bearer("admin")).contentType("application/json")
                .body(Map.of("name", "n", "organisation", "X", "roles", List.of("partner"), "ipRanges", List.of("10.0.0.0/99")))
                .when().post("/api/v1/admin/api-keys").then().statusCode(400).body("violations[0].field", equalTo("ipRanges[0]"));
        given().header("Authorization", Tokens.bearer("admin")).contentType("application/json")
                .body(Map.of("name", "n", "organisation", "X", "roles", List.of("partner"), "colour", "red"))
                .when().post("/api/v1/admin/api-keys").then().statusCode(400);
        given().header("Authorization", Tokens.bearer("admin")).contentType("application/json")
                .body(Map.of("name", "n", "organisation", "X", "roles", List.of("partner"), "expiresAt", "2020-01-01T00:00:00Z"))
                .when().post("/api/v1/admin/api-keys").then().statusCode(400).body("violations[0].field", equalTo("expiresAt"));
        for (String role : new String[] { "partner", "ingest", "analyst", "reviewer" }) {
            given().header("Authorization", Tokens.bearer(role)).when().get("/api/v1/admin/api-keys").then().statusCode(403);
        }
        // A key cannot manage keys either: it has no admin role.
        given().header("X-API-Key", partnerKey("cannot escalate")).when().get("/api/v1/admin/api-keys").then().statusCode(403);
    }

    @Test
    void aRevokedKeyIsRefusedAtOnceAndStaysListedAsRevoked() {
        var created = createKey(Map.of("name", "to revoke", "organisation", "Researchers", "roles", List.of("partner")));
        String secret = created.path("key");
        String id = created.path("apiKey.id");
        given().header("X-API-Key", secret).when().get("/api/v1/thesauri").then().statusCode(200);
        given().header("Authorization", Tokens.bearer("admin")).header("If-Match", "\"7\"")
                .when().delete("/api/v1/admin/api-keys/" + id).then().statusCode(412);
        given().header("Authorization", Tokens.bearer("admin")).when().delete("/api/v1/admin/api-keys/" + id)
                .then().statusCode(204);
        int before = StubBackendResource.requests;
        given().header("X-API-Key", secret).when().get("/api/v1/thesauri").then().statusCode(401)
                .contentType("application/problem+json");
        given().header("X-API-Key", "shk_made-up").when().get("/api/v1/thesauri").then().statusCode(401);
        assertThat(StubBackendResource.requests).isEqualTo(before);
        given().header("Authorization", Tokens.bearer("admin")).when().get("/api/v1/admin/api-keys?status=revoked&limit=500")
                .then().statusCode(200).body("items.id", hasItem(id));
        given().header("Authorization", Tokens.bearer("admin")).when().get("/api/v1/admin/api-keys?status=active&limit=500")
                .then().statusCode(200).body("items.id", not(hasItem(id)));
        given().header("Authorization", Tokens.bearer("admin")).when().get("/api/v1/admin/api-keys/" + id)
                .then().body("status", equalTo("revoked")).body("revokedBy", equalTo("test-admin"));
    }

    @Test
    void anExpiredKeyIsRefused() throws InterruptedException {
        String secret = createKey(Map.of("name", "short", "organisation", "X", "roles", List.of("partner"),
                "expiresAt", Instant.now().plusSeconds(2).toString())).path("key");
        given().header("X-API-Key", secret).when().get("/api/v1/thesauri").then().statusCode(200);
        await("the key expired").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(250))
                .untilAsserted(() -> given().header("X-API-Key", secret).when().get("/api/v1/thesauri").then()
                        .statusCode(401).body("detail", Matchers.containsString("expired")));
    }

    @Test
    void aKeyLimitedToAddressesIsRefusedFromOthers() {
        String elsewhere = createKey(Map.of("name", "office only", "organisation", "X", "roles", List.of("partner"),
                "ipRanges", List.of("203.0.113.0/24", "2001:db8::/32"))).path("key");
        given().header("X-API-Key", elsewhere).when().get("/api/v1/thesauri").then().statusCode(403)
                .contentType("application/problem+json");
        var local = createKey(Map.of("name", "this machine", "organisation", "X", "roles", List.of("ingest"),
                "ipRanges", List.of("127.0.0.1/8")));
        assertThat(local.<List<String>>path("apiKey.ipRanges")).containsExactly("127.0.0.0/8");
        given().header("X-API-Key", local.<String>path("key")).when().get("/api/v1/thesauri").then().statusCode(200);

        // Through a trusted proxy (in tests: one on this host), the client's address is the one it forwards; the
        // right-most address that is not a trusted proxy counts, whatever the client put before it.
        given().header("X-API-Key", elsewhere).header("X-Forwarded-For", "203.0.113.7").when().get("/api/v1/thesauri")
                .then().statusCode(200);
        given().header("X-API-Key", elsewhere).header("X-Forwarded-For", "203.0.113.7, 198.51.100.1")
                .when().get("/api/v1/thesauri").then().statusCode(403)
                .body("detail", Matchers.containsString("198.51.100.1"));
        given().header("X-API-Key", local.<String>path("key")).header("X-Forwarded-For", "198.51.100.1")
                .when().get("/api/v1/thesauri").then().statusCode(403);
    }

    @Test
    void rotationGivesANewSecretAndTheOldOneWorksOnlyDuringTheGracePeriod() {
        var created = createKey(Map.of("name", "rotating", "organisation", "X", "roles", List.of("partner")));
        String id = created.path("apiKey.id");
        String first = created.path("key");
        var rotated = given().header("Authorization", Tokens.bearer("admin")).contentType("application/json")
                .body(Map.of("gracePeriod", "PT1H")).when().post("/api/v1/admin/api-keys/" + id + "/rotate")
                .then().statusCode(200).body("apiKey.previousKeyValidUntil", Matchers.notNullValue()).extract();
        String second = rotated.path("key");
        assertThat(second).isNotEqualTo(first);
        given().header("X-API-Key", first).when().get("/api/v1/thesauri").then().statusCode(200);
        given().header("X-API-Key", second).when().get("/api/v1/thesauri").then().statusCode(200);
        String third = given().header("Authorization", Tokens.bearer("admin")).contentType("application/json").body("{}").when()
                .post("/api/v1/admin/api-keys/" + id + "/rotate").then().statusCode(200).extract().path("key");
        for (String old : new String[] { first, second }) {
            given().header("X-API-Key", old).when().get("/api/v1/thesauri").then().statusCode(401);
        }
        given().header("X-API-Key", third).when().get("/api/v1/thesauri").then().statusCode(200);
        given().header("Authorization", Tokens.bearer("admin")).contentType("application/json")
                .body(Map.of("gracePeriod", "P30D")).when().post("/api/v1/admin/api-keys/" + id + "/rotate")
                .then().statusCode(400).body("violations[0].field", equalTo("gracePeriod"));
    }

    @Test
    void theKeyListIsPagedWithACursor() {
        for (int i = 0; i < 3; i++) {
            partnerKey("paged " + i);
        }
        var first = given().header("Authorization", Tokens.bearer("admin")).when().get("/api/v1/admin/api-keys?limit=2")
                .then().statusCode(200).extract();
        assertThat(first.<List<Object>>path("items")).hasSize(2);
        String next = first.path("next");
        assertThat(next).isNotBlank();
        var second = given().header("Authorization", Tokens.bearer("admin")).queryParam("cursor", next)
                .queryParam("limit", 2).when().get("/api/v1/admin/api-keys").then().statusCode(200).extract();
        assertThat(second.<List<String>>path("items.id")).doesNotContainAnyElementsOf(first.<List<String>>path("items.id"));
        given().header("Authorization", Tokens.bearer("admin")).queryParam("cursor", "bogus").when()
                .get("/api/v1/admin/api-keys").then().statusCode(400).body("violations[0].field", equalTo("cursor"));
    }
}
