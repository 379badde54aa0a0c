package org.shahed.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

import org.hamcrest.Matchers;
import org.jose4j.jwt.NumericDate;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.shahed.infra.DevJwtKeys;
import org.shahed.testing.RealInfraResource;
import org.shahed.testing.Tokens;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.EncoderConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.vertx.core.Vertx;

import jakarta.inject.Inject;

/** What reaches a service through the gateway, and what never does. */
@QuarkusTest
@WithTestResource(value = StubBackendResource.class, scope = TestResourceScope.GLOBAL)
class GatewayRoutingTest {
    @Inject
    Vertx vertx;

    @Test
    void onLinuxTheGatewayUsesTheNativeEpollTransport() {
        Assumptions.assumeTrue(System.getProperty("os.name").toLowerCase().contains("linux"));
        assertThat(vertx.isNativeTransportEnabled()).as("epoll (fewer system calls per proxied request)").isTrue();
    }

    @Test
    void aRequestWithAValidTokenReachesItsServiceWithItsHeadersAndTheAnswersHeadersComeBack() {
        String token = Tokens.forRole("analyst");
        given().header("Authorization", "Bearer " + token).header("Idempotency-Key", "k-1").header("If-Match", "\"3\"")
                .header("X-Request-Id", "req-42")
                .when().get("/api/v1/incidents/abc?q=qouriyah&limit=5")
                .then().statusCode(200)
                .header("ETag", "\"7\"")
                // The service's own address never reaches the client: its link is moved onto the gateway's.
                .header("Location", equalTo("http://localhost:" + RestAssured.port + "/api/v1/incidents/stub"))
                .header("X-Request-Id", "req-42")
                .body("method", equalTo("GET"))
                .body("uri", equalTo("/api/v1/incidents/abc?q=qouriyah&limit=5"))
                .body("authorization", equalTo("Bearer " + token))
                .body("idempotencyKey", equalTo("k-1"))
                .body("ifMatch", equalTo("\"3\""))
                .body("requestId", equalTo("req-42"));
        given().header("Authorization", Tokens.bearer("partner"))
                .when().get("/api/v1/thesauri")
                .then().statusCode(200).body("requestId", notNullValue());
        // An id that could forge a log line or flood the logs is replaced by one the gateway makes.
        for (String unfit : new String[] { "a b\" level=ERROR", "x".repeat(201) }) {
            String made = given().header("Authorization", Tokens.bearer("partner")).header("X-Request-Id", unfit)
                    .when().get("/api/v1/thesauri").then().statusCode(200).extract().header("X-Request-Id");
            assertThat(made).isNotEqualTo(unfit).matches("[0-9a-f-]{36}");
        }
    }

    @Test
    void dashboardsOnConfiguredOriginsMayCallTheApiAndEveryAnswerCarriesSecurityHeaders() {
        given().header("Origin", "http://localhost:3000").header("Access-Control-Request-Method", "PUT")
                .header("Access-Control-Request-Headers", "authorization,if-match")
                .when().options("/api/v1/incidents/1").then().statusCode(200)
                .header("Access-Control-Allow-Origin", "http://localhost:3000")
                .header("Access-Control-Allow-Methods", Matchers.containsString("PUT"));
        given().header("Origin", "https://elsewhere.example").header("Access-Control-Request-Method", "GET")
                .when().options("/api/v1/incidents").then()
                .header("Access-Control-Allow-Origin", Matchers.nullValue());
        for (String path : new String[] { "/api/v1/incidents", "/api/v1/nowhere" }) {
            given().header("Authorization", Tokens.bearer("partner")).header("Origin", "http://localhost:3000")
                    .when().get(path).then()
                    .header("X-Content-Type-Options", "nosniff").header("X-Frame-Options", "DENY")
                    .header("Strict-Transport-Security", Matchers.startsWith("max-age="))
                    .header("Cache-Control", "no-store")
                    .header("Access-Control-Allow-Origin", "http://localhost:3000");
        }
        // A service's caching rule replaces the default, once; its 304 reaches the client as it is.
        Response cached = given().header("Authorization", Tokens.bearer("partner"))
                .when().get("/api/v1/incidents/cached");
        cached.then().statusCode(200);
        assertThat(cached.headers().getValues("Cache-Control"))
                .containsExactly("private, max-age=60");
        given().header("Authorization", Tokens.bearer("partner")).header("If-None-Match", "\"abc\"")
                .when().get("/api/v1/incidents/cached").then().statusCode(304)
                .header("ETag", "\"abc\"").header("Cache-Control", "private, max-age=60");
    }

    @Test
    void bodiesAboveTheirRoutesLimitAreRefusedBeforeReachingAService() {
        // JSON resources take 10 MB at most; media uploads up to 5 GB (declared length checked, nothing sent on).
        given().header("Authorization", Tokens.bearer("analyst")).contentType("application/json")
                .body(new byte[11 * 1024 * 1024])
                .when().post("/api/v1/incidents").then().statusCode(413).contentType("application/problem+json")
                .body("violations[0].field", Matchers.equalTo("Content-Length"));
    }

    @Test
    void oversizedHeadersAreRefusedBeforeAnythingIsRouted() {
        int before = StubBackendResource.requests;
        given().header("Authorization", Tokens.bearer("analyst")).header("X-Padding", "x".repeat(20 * 1024))
                .when().get("/api/v1/incidents").then().statusCode(431).contentType("application/problem+json")
                .body("violations[0].field", equalTo("headers"));
        // Far above the limit the HTTP server itself refuses, before the gateway sees the request.
        given().header("Authorization", Tokens.bearer("analyst")).header("X-Padding", "x".repeat(100 * 1024))
                .when().get("/api/v1/incidents").then().statusCode(431);
        assertThat(StubBackendResource.requests).isEqualTo(before);
        // Just under the limit passes.
        given().header("Authorization", Tokens.bearer("analyst")).header("X-Padding", "x".repeat(12 * 1024))
                .when().get("/api/v1/incidents").then().statusCode(200).body("method", equalTo("GET"));
    }

    @Test
    void largeBodiesArePassedThroughWhole() {
        byte[] video = new byte[48 * 1024 * 1024 + 123];
        // Twice with one token: the first is checked off the event loop, the second from the cache at once.
        String token = Tokens.bearer("analyst");
        for (int upload = 0; upload < 2; upload++) {
            given().config(RestAssuredConfig.config().encoderConfig(EncoderConfig.encoderConfig()
                            .encodeContentTypeAs("video/mp4", ContentType.BINARY)))
                    .header("Authorization", token).contentType("video/mp4").body(video)
                    .when().post("/api/v1/media")
                    .then().statusCode(200).body("bodyBytes", equalTo(video.length));
        }
    }

    @Test
    void missingForgedAndRolelessTokensNeverReachAService() {
        int before = StubBackendResource.requests;
        given().when().get("/api/v1/incidents").then().statusCode(401)
                .contentType("application/problem+json").header("WWW-Authenticate", "Bearer");
        String forged = DevJwtKeys.loadOrCreate(tempDir()).token("intruder", Set.of("admin"), Duration.ofMinutes(5));
        given().header("Authorization", "Bearer " + forged).when().get("/api/v1/incidents").then().statusCode(401);
        var expiredClaims = RealInfraResource.infra().jwtKeys().claims("late", Set.of("partner"), Duration.ofMinutes(5));
        expiredClaims.setExpirationTime(NumericDate.fromSeconds(System.currentTimeMillis() / 1000 - 600));
        String expired = RealInfraResource.infra().jwtKeys().sign(expiredClaims);
        given().header("Authorization", "Bearer " + expired).when().get("/api/v1/incidents").then().statusCode(401)
                .contentType("application/problem+json");
        String roleless = RealInfraResource.infra().jwtKeys().token("nobody", Set.of("visitor"), Duration.ofMinutes(5));
        given().header("Authorization", "Bearer " + roleless).when().get("/api/v1/incidents").then().statusCode(403)
                .contentType("application/problem+json");
        assertThat(StubBackendResource.requests).isEqualTo(before);
    }

    @Test
    void pathTricksAndUnknownRoutesAreRefusedAtTheGateway() {
        int before = StubBackendResource.requests;
        String token = Tokens.bearer("admin");
        for (String path : new String[] { "/api/v1/incidents/..%2F..%2Fq%2Fhealth",
                "/api/v1/incidents/%2e%2e/%2e%2e/q/openapi", "/api/v1/incidents/%5C..%5Cq" }) {
            given().urlEncodingEnabled(false).header("Authorization", token).when().get(path)
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("violations[0].field", equalTo("path"));
        }
        given().header("Authorization", token).when().get("/api/v1/secrets").then().statusCode(404)
                .contentType("application/problem+json");
        given().header("Authorization", token).when().get("/api/v2/incidents").then().statusCode(404);
        assertThat(StubBackendResource.requests).isEqualTo(before);
        // An empty segment is folded away before routing: it reaches only the plain path it stands for.
        var folded = given().urlEncodingEnabled(false).header("Authorization", token).when().get("/api/v1//incidents");
        if (folded.statusCode() != 400) {
            folded.then().statusCode(200).body("uri", equalTo("/api/v1/incidents"));
        }
    }

    @Test
    void aServiceThatDoesNotAnswerIsAGatewayTimeoutNamingIt() {
        long start = System.nanoTime();
        given().header("Authorization", Tokens.bearer("analyst"))
                .when().get("/api/v1/media/silent").then().statusCode(504).contentType("application/problem+json")
                .body("detail", containsString("media-service"));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("answered after the idle timeout, not a hang")
                .isLessThan(Duration.ofSeconds(30));
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("forger");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
