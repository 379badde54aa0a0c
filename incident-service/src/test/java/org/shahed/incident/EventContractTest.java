package org.shahed.incident;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.shahed.incident.events.IncidentEvent;
import org.shahed.testing.EventSchemas;
import org.shahed.testing.Tokens;

import io.quarkus.test.junit.QuarkusTest;

/** Every event incident-service emits matches the schemas it publishes at /event-schemas/. */
@QuarkusTest
class EventContractTest {

    @Test
    void everyEmittedEventMatchesItsPublishedSchema() {
        UUID id = AlQouriyah.createdId(AlQouriyah.create("analyst", AlQouriyah.firstStrike(AlQouriyah.marker())));
        given().header("Authorization", Tokens.bearer("analyst")).contentType("application/json")
                .body(AlQouriyah.testimony(false)).when().post("/api/v1/incidents/" + id + "/testimonies")
                .then().statusCode(201);
        AlQouriyah.publish(id);

        Map<String, Integer> checked = EventSchemas.assertEveryEventConforms("shahed.incidents");
        // The schemas are served to consumers, without a token (they are documentation).
        given().when().get("/event-schemas/index.json").then().statusCode(200)
                .body("topic", Matchers.equalTo("shahed.incidents"));
        // ...and as the typed record its consumers read (casualty-service, media-service).
        assertThat(EventSchemas.assertEveryEventReadsAs("shahed.incidents", IncidentEvent.TYPES, IncidentEvent.class))
                .isGreaterThanOrEqualTo(4);
        assertThat(checked).containsKeys("org.shahed.incident.created", "org.shahed.incident.submitted-for-review",
                "org.shahed.incident.verified", "org.shahed.incident.published", "org.shahed.incident.testimony-added");
    }
}
