package org.shahed.platform.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.containsString;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;

import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.junit.jupiter.api.Test;
import org.shahed.infra.DevJwtKeys;
import org.shahed.testing.EndpointRoles;
import org.shahed.testing.RealInfraResource;
import org.shahed.testing.Tokens;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** JWT roles and RFC 9457 errors as every service gets them from the platform. */
@QuarkusTest
class ProblemsAndRolesTest {
    private static final String NOTES = "/api/v1/witness-notes";

    @Test
    void anAllowedRoleWritesAndAnotherRoleIsForbidden() {
        given().header("Authorization", Tokens.bearer("ingest")).contentType(ContentType.JSON)
                .body("{\"text\":\"Abu Ahmad saw the second strike\"}")
                .when().post(NOTES)
                .then().statusCode(201).header("Location", containsString("/api/v1/witness-notes/"));

        given().header("Authorization", Tokens.bearer("partner")).contentType(ContentType.JSON)
                .body("{\"text\":\"x\"}")
                .when().post(NOTES)
                .then().statusCode(403);
    }

    @Test
    void missingForgedAndExpiredTokensAreUnauthorized() {
        given().contentType(ContentType.JSON).body("{\"text\":\"x\"}")
                .when().post(NOTES).then().statusCode(401);

        DevJwtKeys stranger = DevJwtKeys.loadOrCreate(tempDir());
        String forged = stranger.token("intruder", Set.of("analyst"), Duration.ofMinutes(5));
        given().header("Authorization", "Bearer " + forged).contentType(ContentType.JSON).body("{\"text\":\"x\"}")
                .when().post(NOTES).then().statusCode(401);

        DevJwtKeys keys = RealInfraResource.infra().jwtKeys();
        JwtClaims expired = keys.claims("late", Set.of("analyst"), Duration.ofMinutes(5));
        expired.setExpirationTime(NumericDate.fromSeconds(System.currentTimeMillis() / 1000 - 3600));
        given().header("Authorization", "Bearer " + keys.sign(expired)).contentType(ContentType.JSON)
                .body("{\"text\":\"x\"}")
                .when().post(NOTES).then().statusCode(401);
    }

    @Test
    void tokensMustBeMeantForShahedAndTheGatewaysOwnTokensCarryPartnerOrIngestOnly() {
        DevJwtKeys identityProvider = RealInfraResource.infra().jwtKeys();
        JwtClaims elsewhere = identityProvider.claims("someone", Set.of("analyst"), Duration.ofMinutes(5));
        elsewhere.setAudience("another-application");
        given().header("Authorization", "Bearer " + identityProvider.sign(elsewhere)).contentType(ContentType.JSON)
                .body("{\"text\":\"x\"}").when().post(NOTES).then().statusCode(401);

        // The gateway's key signs tokens for API keys under its own issuer: accepted for ingest...
        DevJwtKeys gateway = RealInfraResource.infra().gatewayKeys();
        JwtClaims key = gateway.claims("api-key:1", Set.of("ingest"), Duration.ofMinutes(5));
        key.setIssuer("urn:shahed:gateway");
        given().header("Authorization", "Bearer " + gateway.sign(key)).contentType(ContentType.JSON)
                .body("{\"text\":\"from a script\"}").when().post(NOTES).then().statusCode(201);
        // ...never for a staff role, even signed by the gateway's own key.
        JwtClaims minted = gateway.claims("api-key:1", Set.of("analyst", "ingest"), Duration.ofMinutes(5));
        minted.setIssuer("urn:shahed:gateway");
        given().header("Authorization", "Bearer " + gateway.sign(minted)).contentType(ContentType.JSON)
                .body("{\"text\":\"x\"}").when().post(NOTES).then().statusCode(401);
        // Nor does the gateway's key pass for the identity provider's.
        JwtClaims posing = gateway.claims("someone", Set.of("analyst"), Duration.ofMinutes(5));
        given().header("Authorization", "Bearer " + gateway.sign(posing)).contentType(ContentType.JSON)
                .body("{\"text\":\"x\"}").when().post(NOTES).then().statusCode(401);
    }

    @Test
    void controlCharactersInQueryParametersAreRefusedNamingThem() {
        given().header("Authorization", Tokens.bearer("analyst")).urlEncodingEnabled(false)
                .when().get(NOTES + "/" + UUID.randomUUID() + "?note=a%00b")
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", equalTo("note")).body("violations[0].in", equalTo("query"));
    }

    @Test
    void anEndpointWithoutRolesIsRefusedAtRunTimeAndFlaggedByTheCheck() {
        given().header("Authorization", Tokens.bearer("admin"))
                .when().get("/api/v1/unguarded")
                .then().statusCode(403);

        assertThat(EndpointRoles.violations(Path.of("target/test-classes")))
                .containsExactly("org.shahed.platform.fixture.UnguardedResource#secret has no @RolesAllowed");
    }

    @Test
    void unknownFieldsAreRejectedAsProblemDetails() {
        given().header("Authorization", Tokens.bearer("analyst")).contentType(ContentType.JSON)
                .body("{\"text\":\"ok\",\"witnessPhone\":\"+963...\"}")
                .when().post(NOTES)
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("detail", containsString("witnessPhone"))
                .body("violations[0].field", equalTo("witnessPhone"));
    }

    @Test
    void invalidValuesNameTheOffendingField() {
        given().header("Authorization", Tokens.bearer("analyst")).contentType(ContentType.JSON)
                .body("{\"text\":\"  \"}")
                .when().post(NOTES)
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", hasItem("text"));
    }

    @Test
    void malformedJsonIsAClientError() {
        given().header("Authorization", Tokens.bearer("analyst")).contentType(ContentType.JSON)
                .body("{\"text\": ")
                .when().post(NOTES)
                .then().statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void unknownResourceIsAProblemToo() {
        given().header("Authorization", Tokens.bearer("analyst"))
                .when().get(NOTES + "/" + UUID.randomUUID())
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404));
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("stranger-keys");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
