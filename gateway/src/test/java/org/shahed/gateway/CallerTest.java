package org.shahed.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.shahed.testing.Tokens;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** GET /api/v1/me: what a script learns of its own credentials before it starts (the CLI's whoami). */
@QuarkusTest
@WithTestResource(value = StubBackendResource.class, scope = TestResourceScope.GLOBAL)
class CallerTest {

    @Test
    void aKeyLearnsItsRolesExpiryAndRateLimitAndATokenItsExpiry() {
        String expires = Instant.now().plus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString();
        var created = ApiKeysTest.createKey(Map.of("name", "Field import script", "organisation", "SNHR",
                "roles", List.of("ingest"), "expiresAt", expires, "rateLimit", Map.of("capacity", 120, "period", "PT1M")));
        given().header("X-API-Key", created.<String>path("key")).when().get("/api/v1/me")
                .then().statusCode(200)
                .body("subject", equalTo("api-key:" + created.path("apiKey.id")))
                .body("roles", equalTo(List.of("ingest")))
                .body("organisation", equalTo("SNHR"))
                .body("apiKey.id", equalTo(created.path("apiKey.id")))
                .body("apiKey.keyPrefix", equalTo(created.path("apiKey.keyPrefix")))
                .body("apiKey.name", nullValue())
                .body("apiKey.expiresAt", equalTo(expires))
                .body("rateLimit.capacity", equalTo(120))
                .body("rateLimit.period", equalTo("PT1M"))
                .body("tokenExpiresAt", nullValue())
                .header("RateLimit-Limit", equalTo("120"));
        // A person's token: its own expiry, the role's limit (analysts: 3000 a minute).
        given().header("Authorization", Tokens.bearer("analyst")).when().get("/api/v1/me")
                .then().statusCode(200)
                .body("roles", equalTo(List.of("analyst")))
                .body("apiKey", nullValue())
                .body("tokenExpiresAt", notNullValue())
                .body("rateLimit.capacity", equalTo(3000));
        given().when().get("/api/v1/me").then().statusCode(401);
    }
}
