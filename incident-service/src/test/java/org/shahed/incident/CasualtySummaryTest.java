package org.shahed.incident;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import org.awaitility.Awaitility;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.shahed.casualty.events.CountsChanged;
import org.shahed.testing.Tokens;
import org.shahed.testing.TopicWriter;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/** The casualty summary follows counts-changed events put on casualty-service's topic by the test. */
@QuarkusTest
class CasualtySummaryTest {
    private static TopicWriter topic;

    @BeforeAll
    static void writer() {
        topic = new TopicWriter();
    }

    @AfterAll
    static void close() {
        topic.close();
    }

    @Test
    void summaryFollowsTheNewestCountsAndIgnoresOldAndRepeatedEvents() throws Exception {
        UUID id = AlQouriyah.createdId(AlQouriyah.create("analyst", AlQouriyah.firstStrike(AlQouriyah.marker())));

        String first = send(id, 1, 40, 18, 12, 20);
        awaitKilled(id, 40);
        send(id, 3, 62, 30, 20, 30);          // 62 civilians, 30 children, 20 women, 30 injured
        awaitKilled(id, 62);
        send(id, 2, 50, 25, 15, 25);          // older than what is held: ignored
        resend(first, id, 1, 40, 18, 12, 20); // the same event again: ignored
        String marker = send(id, 4, 62, 30, 20, 30); // a later event proves the two above were processed
        awaitVersion(id, 4);

        JsonPath incident = get(id);
        assertThat(incident.getInt("casualtySummary.killed.min")).isEqualTo(62);
        assertThat(incident.getInt("casualtySummary.children.min")).isEqualTo(30);
        assertThat(incident.getInt("casualtySummary.women.min")).isEqualTo(20);
        assertThat(incident.getInt("casualtySummary.men.min")).isEqualTo(12);
        assertThat(incident.getInt("casualtySummary.injured.min")).isEqualTo(30);
        assertThat(marker).isNotNull();
    }

    @Test
    void partnersRevalidateTheirCopyOfAPublishedIncidentAndSeeANewSummary() throws Exception {
        UUID id = AlQouriyah.createdId(AlQouriyah.create("analyst", AlQouriyah.firstStrike(AlQouriyah.marker())));
        AlQouriyah.publish(id);
        send(id, 1, 40, 18, 12, 20);
        awaitKilled(id, 40);
        Response first = given().header("Authorization", Tokens.bearer("partner"))
                .when().get("/api/v1/incidents/" + id);
        first.then().statusCode(200).header("Cache-Control", "private, max-age=60");
        String etag = first.header("ETag");
        assertThat(etag).startsWith("\"");
        given().header("Authorization", Tokens.bearer("partner")).header("If-None-Match", etag)
                .when().get("/api/v1/incidents/" + id)
                .then().statusCode(304).header("ETag", etag).header("Content-Type", Matchers.nullValue());
        // Lists of published data are revalidated the same way.
        String list = given().header("Authorization", Tokens.bearer("partner")).queryParam("limit", 1)
                .when().get("/api/v1/incidents").then().statusCode(200).extract().header("ETag");
        given().header("Authorization", Tokens.bearer("partner")).queryParam("limit", 1).header("If-None-Match", list)
                .when().get("/api/v1/incidents").then().statusCode(304);

        JsonPath before = get(id);
        send(id, 2, 62, 30, 20, 30);
        awaitKilled(id, 62);
        // New counts are a change of the incident: its version and updatedAt move (mirrors asking updatedSince see it).
        JsonPath after = get(id);
        long version = after.getLong("version");
        assertThat(version).isGreaterThan(before.getLong("version"));
        assertThat(Instant.parse(after.getString("updatedAt")))
                .isAfter(Instant.parse(before.getString("updatedAt")));
        assertThat(after.getString("updatedBy")).isEqualTo(before.getString("updatedBy"));
        given().header("Authorization", Tokens.bearer("partner")).header("If-None-Match", etag)
                .when().get("/api/v1/incidents/" + id)
                .then().statusCode(200).header("ETag", Matchers.not(etag))
                .body("casualtySummary.killed.min", Matchers.equalTo(62));
        // Staff answers carry protected fields: never stored, and their ETag stays the version for If-Match.
        given().header("Authorization", Tokens.bearer("analyst")).when().get("/api/v1/incidents/" + id)
                .then().statusCode(200).header("Cache-Control", "no-store").header("ETag", "\"" + version + "\"");
    }

    @Test
    void theSummaryIsReadOnlyThroughTheApi() {
        UUID id = AlQouriyah.createdId(AlQouriyah.create("analyst", AlQouriyah.firstStrike(AlQouriyah.marker())));
        given().header("Authorization", Tokens.bearer("analyst")).header("If-Match", "\"1\"")
                .contentType("application/merge-patch+json")
                .body("{\"casualtySummary\": {\"killed\": {\"min\": 1}}}")
                .when().patch("/api/v1/incidents/" + id)
                .then().statusCode(400);
    }

    private String send(UUID incident, long version, int killed, int children, int women, int injured) throws Exception {
        String eventId = UUID.randomUUID().toString();
        resend(eventId, incident, version, killed, children, women, injured);
        return eventId;
    }

    private void resend(String eventId, UUID incident, long version, int killed, int children, int women, int injured)
            throws Exception {
        // Written as casualty-service writes it: its events artifact's record.
        CountsChanged data = new CountsChanged(incident, version, Instant.parse("2016-07-01T00:00:00Z"),
                new CountsChanged.Range(killed, killed), new CountsChanged.Range(children, children),
                new CountsChanged.Range(women, women), new CountsChanged.Range(killed - children - women, null),
                new CountsChanged.Range(injured, injured), new CountsChanged.Range(0, 0), new CountsChanged.Range(0, 0));
        topic.send("shahed.casualties", eventId, "/shahed/casualty-service", CountsChanged.TYPE,
                incident.toString(), new ObjectMapper().findAndRegisterModules()
                        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                        .setSerializationInclusion(JsonInclude.Include.NON_NULL)
                        .writeValueAsString(data));
    }

    private static JsonPath get(UUID id) {
        return given().header("Authorization", Tokens.bearer("analyst")).when().get("/api/v1/incidents/" + id)
                .then().statusCode(200).extract().jsonPath();
    }

    private static void awaitKilled(UUID id, int killed) throws InterruptedException {
        await(id, json -> json.get("casualtySummary.killed.min") != null
                && json.getInt("casualtySummary.killed.min") == killed);
    }

    private static void awaitVersion(UUID id, long version) throws InterruptedException {
        await(id, json -> json.get("casualtySummary.version") != null
                && json.getLong("casualtySummary.version") == version);
    }

    private static void await(UUID id, Predicate<JsonPath> condition) {
        Awaitility.await("casualty summary of " + id).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> get(id), condition::test);
    }
}
