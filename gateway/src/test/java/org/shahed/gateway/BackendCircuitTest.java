package org.shahed.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.awaitility.Awaitility.await;

import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.shahed.testing.Tokens;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/**
 * Each backend's circuit opens on what the backend does wrong (refused connections, 5xx answers, silence) and on
 * nothing a client does: clients that drop their requests leave the circuit closed for everyone else. Circuits
 * are judged after 5 calls here and stay open 2 s (StubBackendResource); tests that open one wait until it has
 * closed again, so the next test finds it closed.
 */
@QuarkusTest
@WithTestResource(value = StubBackendResource.class, scope = TestResourceScope.GLOBAL)
class BackendCircuitTest {

    @Test
    void clientsThatDropTheirRequestsDoNotOpenTheCircuitForEveryoneElse() throws Exception {
        String token = Tokens.forRole("ingest");
        int abandonedBefore = StubBackendResource.abandoned.get();
        int requestsBefore = StubBackendResource.requests;
        // Thirty clients send a request the backend answers in 2 s, then go away (a killed script, a closed tab).
        List<Socket> clients = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            Socket socket = new Socket("127.0.0.1", gatewayPort());
            OutputStream out = socket.getOutputStream();
            out.write(("GET /api/v1/incidents/slow-" + i + " HTTP/1.1\r\nHost: gateway\r\nAuthorization: Bearer " + token
                    + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            clients.add(socket);
        }
        awaitStubRequests(requestsBefore + 30);
        for (Socket socket : clients) {
            socket.close();
        }
        // The backend requests were cancelled with them: the backend saw each connection close unanswered.
        await("30 backend requests abandoned").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .until(() -> StubBackendResource.abandoned.get() - abandonedBefore, abandoned -> abandoned >= 30);
        assertThat(StubBackendResource.abandoned.get() - abandonedBefore).isEqualTo(30);
        // Everyone else is still served.
        for (int i = 0; i < 20; i++) {
            given().header("Authorization", "Bearer " + token).when().get("/api/v1/incidents/after-" + i)
                    .then().statusCode(200);
        }
        assertThat(circuitState("incident-service")).isEqualTo("closed");
    }

    @Test
    void aReadWhoseConnectionIsClosedUnderItIsSentAgainAndAWriteIsNot() {
        String read = "/api/v1/incidents/closes-once-" + UUID.randomUUID();
        given().header("Authorization", Tokens.bearer("analyst")).when().get(read).then().statusCode(200);
        assertThat(StubBackendResource.closedOnce).contains(read);
        // A write may have had its effect before the connection closed: it is not sent twice, the client decides.
        String write = "/api/v1/incidents/closes-once-" + UUID.randomUUID();
        given().header("Authorization", Tokens.bearer("analyst")).contentType("application/json").body("{}")
                .when().post(write).then().statusCode(502);
    }

    @Test
    void aServiceThatIsDownIsAProblemNamingItAndAfterRepeatedFailuresItsCircuitOpens() {
        // casualty-service points to a port nothing listens on: each attempt is refused (connecting was retried).
        int status = 0;
        for (int attempt = 0; attempt < 10 && status != 503; attempt++) {
            var answer = given().header("Authorization", Tokens.bearer("analyst"))
                    .when().get("/api/v1/casualties").then().contentType("application/problem+json")
                    .body("detail", containsString("casualty-service")).extract();
            status = answer.statusCode();
            assertThat(status).isIn(502, 503);
            if (status == 503) {
                assertThat(answer.header("Retry-After")).isNotBlank();
            }
        }
        assertThat(status).as("the circuit opened after the configured failures").isEqualTo(503);
        // Requests refused at once are counted, per backend.
        assertThat(notPermittedCalls("casualty-service")).isPositive();
    }

    @Test
    void aBackendAnswering5xxOpensItsCircuitAndItClosesAgainOnceTheBackendRecovers() throws Exception {
        List<Integer> statuses = new ArrayList<>();
        for (int attempt = 0; attempt < 10 && !statuses.contains(503); attempt++) {
            statuses.add(given().header("Authorization", Tokens.bearer("analyst"))
                    .when().get("/api/v1/media/status/500").then().extract().statusCode());
        }
        // The backend's own 500s pass through as they are, until the circuit opens.
        assertThat(statuses.subList(0, 5)).containsOnly(500);
        assertThat(statuses).endsWith(503);
        awaitClosed("media-service");
    }

    @Test
    void aBackendThatDoesNotAnswerOpensItsCircuit() throws Exception {
        String token = Tokens.bearer("analyst");
        List<Thread> silent = new ArrayList<>();
        List<Integer> statuses = Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < 5; i++) {
            Thread call = new Thread(() -> statuses.add(given().header("Authorization", token)
                    .when().get("/api/v1/media/silent").then().extract().statusCode()));
            call.start();
            silent.add(call);
        }
        for (Thread call : silent) {
            call.join();
        }
        assertThat(statuses).containsOnly(504);
        given().header("Authorization", token).when().get("/api/v1/media/anything").then().statusCode(503)
                .body("detail", containsString("media-service"));
        awaitClosed("media-service");
    }

    /** Trial requests to a recovered backend close its circuit (2 s after it opened). */
    private static void awaitClosed(String backend) {
        await("the circuit of " + backend + " closed again").atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200))
                .until(() -> given().header("Authorization", Tokens.bearer("analyst")).when().get("/api/v1/media/fine")
                        .then().extract().statusCode() == 200 && circuitState(backend).equals("closed"));
    }

    /** Waits until the stub has received {@code total} requests since it started. */
    private static void awaitStubRequests(int total) {
        await(total + " requests at the stub").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                .until(() -> StubBackendResource.requests >= total);
    }

    /** The state of a backend's circuit as the metrics show it (closed, open, half_open). */
    private static String circuitState(String backend) {
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher state = Pattern.compile("resilience4j_circuitbreaker_state\\{[^}]*name=\"" + backend
                + "\"[^}]*state=\"([a-z_]+)\"[^}]*} 1\\.0").matcher(metrics);
        return state.find() ? state.group(1) : "unknown";
    }

    private static double notPermittedCalls(String backend) {
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher calls = Pattern.compile("resilience4j_circuitbreaker_not_permitted_calls_total\\{[^}]*name=\""
                + backend + "\"[^}]*} ([0-9.E]+)").matcher(metrics);
        return calls.find() ? Double.parseDouble(calls.group(1)) : 0;
    }

    private static int gatewayPort() {
        return RestAssured.port;
    }
}
