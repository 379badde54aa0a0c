package org.shahed.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.shahed.testing.Tokens;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The dossier's composition against stand-in services (the system tests check it against the real ones): every
 * part asked with the caller's token, a failing service named instead of failing the whole answer.
 */
@QuarkusTest
@WithTestResource(value = StubBackendResource.class, scope = TestResourceScope.GLOBAL)
class DossierTest {

    @Test
    void theDossierAsksEachServiceWithTheCallersTokenAndNamesThePartsThatFailed() {
        UUID incident = UUID.randomUUID();
        String key = ApiKeysTest.partnerKey("dossier reader");
        // incident-service and media-service are the echoing stand-in; casualty-service is down.
        given().header("X-API-Key", key).when().get("/api/v1/incidents/" + incident + "/dossier?casualtyLimit=7")
                .then().statusCode(200).contentType("application/json")
                .body("incident.uri", equalTo("/api/v1/incidents/" + incident))
                .body("incident.authorization", startsWith("Bearer "))
                .body("incident.apiKey", equalTo(null))
                .body("media.uri", equalTo("/api/v1/media?incidentId=" + incident + "&limit=50"))
                .body("incomplete.part", containsInAnyOrder("casualtyCounts", "casualties"))
                .body("incomplete.backend", equalTo(List.of("casualty-service", "casualty-service")))
                .body("incomplete[0].status", equalTo(502));
        given().header("Authorization", Tokens.bearer("partner")).when()
                .get("/api/v1/incidents/" + incident + "/dossier?casualtyLimit=9999")
                .then().statusCode(400).contentType("application/problem+json");
        given().when().get("/api/v1/incidents/" + incident + "/dossier").then().statusCode(401);
        given().header("Authorization", Tokens.bearer("partner")).when().get("/api/v1/incidents/not-an-id/dossier")
                .then().statusCode(404);
    }
}
