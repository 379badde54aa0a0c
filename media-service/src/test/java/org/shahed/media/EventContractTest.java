package org.shahed.media;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.shahed.testing.EventSchemas;
import org.shahed.testing.Tokens;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** Every event media-service emits matches the schemas it publishes at /event-schemas/. */
@QuarkusTest
class EventContractTest {

    @Test
    void everyEmittedEventMatchesItsPublishedSchema() throws Exception {
        Response uploaded = MediaTest.upload("ingest", EvidenceFiles.photoWithGps(60), "image/jpeg", "contract.jpg");
        String id = uploaded.then().statusCode(201).extract().path("id");
        String verified = given().header("Authorization", Tokens.bearer("reviewer")).header("If-Match", uploaded.header("ETag"))
                .contentType("application/json").body("{\"status\": \"disputed\", \"notes\": \"shadows do not match\"}")
                .when().put("/api/v1/media/" + id + "/verification").then().statusCode(200).extract().header("ETag");
        given().header("Authorization", Tokens.bearer("reviewer")).header("If-Match", verified)
                .when().delete("/api/v1/media/" + id).then().statusCode(204);

        Map<String, Integer> checked = EventSchemas.assertEveryEventConforms("shahed.media");
        // The schemas are served to consumers, without a token (they are documentation).
        given().when().get("/event-schemas/index.json").then().statusCode(200)
                .body("topic", Matchers.equalTo("shahed.media"));
        assertThat(checked).containsKeys("org.shahed.media.uploaded", "org.shahed.media.updated",
                "org.shahed.media.verified", "org.shahed.media.retracted");
    }
}
