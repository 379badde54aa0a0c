package org.shahed.casualty;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.shahed.casualty.events.CasualtyEvent;
import org.shahed.casualty.events.CountsChanged;
import org.shahed.testing.EventSchemas;
import org.shahed.testing.Tokens;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** Every event casualty-service emits matches the schemas it publishes at /event-schemas/. */
@QuarkusTest
class EventContractTest {

    static String record(UUID incident, String externalId, String outcome) {
        return """
                {"incidentId": "%s", "names": {"fullNameAr": "ضحية تجريبية", "fullNameLatin": "Synthetic Victim"},
                 "sex": "female", "age": {"years": 9}, "outcome": "%s", "status": "civilian",
                 "documentationLevel": "corroborated", "consent": {"publishName": false},
                 "relativesContact": [{"name": "Relative", "relation": "father", "contact": "+963000000"}],
                 "sourceSystem": "contract", "externalId": "%s"}""".formatted(incident, outcome, externalId);
    }

    @Test
    void everyEmittedEventMatchesItsPublishedSchema() {
        UUID incident = UUID.randomUUID();
        Response created = given().header("Authorization", Tokens.bearer("ingest")).contentType("application/json")
                .body(record(incident, UUID.randomUUID().toString(), "killed")).when().post("/api/v1/casualties");
        String id = created.then().statusCode(201).extract().path("id");
        String updated = given().header("Authorization", Tokens.bearer("analyst")).contentType("application/json")
                .header("If-Match", created.header("ETag"))
                .body(record(incident, created.path("externalId"), "injured")).when().put("/api/v1/casualties/" + id)
                .then().statusCode(200).extract().header("ETag");
        given().header("Authorization", Tokens.bearer("analyst")).header("If-Match", updated)
                .when().delete("/api/v1/casualties/" + id).then().statusCode(204);

        Map<String, Integer> checked = EventSchemas.assertEveryEventConforms("shahed.casualties");
        // The schemas are served to consumers, without a token (they are documentation).
        given().when().get("/event-schemas/index.json").then().statusCode(200)
                .body("topic", Matchers.equalTo("shahed.casualties"));
        // ...and as the typed records its consumers read (incident-service, media-service).
        assertThat(EventSchemas.assertEveryEventReadsAs("shahed.casualties", CasualtyEvent.TYPES, CasualtyEvent.class))
                .isGreaterThanOrEqualTo(3);
        assertThat(EventSchemas.assertEveryEventReadsAs("shahed.casualties", Set.of(CountsChanged.TYPE),
                CountsChanged.class)).isGreaterThanOrEqualTo(1);
        assertThat(checked).containsKeys("org.shahed.casualty.created", "org.shahed.casualty.updated",
                "org.shahed.casualty.deleted", "org.shahed.casualty.counts-changed");
    }
}
