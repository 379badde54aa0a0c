package org.shahed.media;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import org.awaitility.Awaitility;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.shahed.media.projection.IncidentProjection;
import org.shahed.testing.Tokens;
import org.shahed.testing.TopicWriter;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * Links are checked against what media-service learnt from the other services' events; a retracted incident's
 * media are flagged for review and hidden from partners. Also the changes feed.
 */
@QuarkusTest
class MediaLinksTest {

    /** An incident event as incident-service writes it (every field its schema requires). */
    static String incident(UUID id, long version, String status) {
        return """
                {"id": "%s", "reference": "INC-2016-000062", "version": %d, "status": "%s", "types": ["airstrike"],
                 "startAt": "2016-06-25T09:00:00Z", "adminPcodes": ["SY09", "SY0903"], "perpetrators": [], "deleted": false,
                 "changedAt": "2016-06-26T09:00:00Z"}
                """.formatted(id, version, status);
    }

    /** A casualty record event as casualty-service writes it (every field its schema requires). */
    static String casualty(UUID id, UUID incidentId) {
        return """
                {"id": "%s", "reference": "CAS-2016-000001", "version": 1, "incidentId": "%s", "outcome": "killed",
                 "sex": "male", "child": false, "status": "civilian", "adminPcodes": ["SY09"], "deleted": false,
                 "documentationLevel": "reported"}
                """.formatted(id, incidentId);
    }

    @Test
    void linksToRecordsNotKnownYetArePendingAndARetractedIncidentHidesItsMediaFromPartners() throws Exception {
        UUID incidentId = UUID.randomUUID();
        UUID casualtyId = UUID.randomUUID();
        String id = MediaTest.upload("ingest", EvidenceFiles.photoWithGps(20), "image/jpeg", "strike.jpg")
                .then().statusCode(201).extract().path("id");

        // Not known yet (a script documenting the file before the incident): linked, pending, hidden from partners.
        link(id, "incident", incidentId, "the first strike").then().statusCode(201);
        link(id, "casualty", casualtyId, "shows the victim's house").then().statusCode(201);
        link(id, "casualty", casualtyId, "again").then().statusCode(409);
        given().header("Authorization", Tokens.bearer("analyst")).when().get("/api/v1/media/" + id).then().statusCode(200)
                .body("links.targetStatus", Matchers.contains("pending", "pending"));

        try (TopicWriter topic = new TopicWriter()) {
            topic.send("shahed.incidents", UUID.randomUUID().toString(), "/shahed/incident-service",
                    "org.shahed.incident.published", incidentId.toString(), incident(incidentId, 2, "published"));
            topic.send("shahed.casualties", UUID.randomUUID().toString(), "/shahed/casualty-service",
                    "org.shahed.casualty.created", casualtyId.toString(), casualty(casualtyId, incidentId));
            await(() -> given().header("Authorization", Tokens.bearer("analyst")).when().get("/api/v1/media/" + id)
                    .then().extract().jsonPath().getList("links.targetStatus").equals(List.of("published", "published")),
                    "both links take the incident's status when its events come");

            JsonPath linked = given().header("Authorization", Tokens.bearer("analyst")).queryParam("incidentId", incidentId)
                    .when().get("/api/v1/media").then().statusCode(200).extract().jsonPath();
            assertThat(linked.getList("items.id")).containsExactly(id);
            assertThat(linked.getList("items[0].links.targetType")).containsExactlyInAnyOrder("incident", "casualty");

            String etag = given().header("Authorization", Tokens.bearer("analyst")).when().get("/api/v1/media/" + id)
                    .then().extract().header("ETag");
            given().header("Authorization", Tokens.bearer("reviewer")).header("If-Match", etag).contentType("application/json")
                    .body("{\"graphic\": false, \"protectedPersonsVisible\": false, \"consent\": \"not-needed\", \"clearedForSharing\": true}")
                    .when().put("/api/v1/media/" + id + "/sensitivity").then().statusCode(200);
            given().header("Authorization", Tokens.bearer("partner")).when().get("/api/v1/media/" + id).then().statusCode(200);

            // An older event arriving late changes nothing; the retraction hides the file and flags it.
            topic.send("shahed.incidents", UUID.randomUUID().toString(), "/shahed/incident-service",
                    "org.shahed.incident.retracted", incidentId.toString(), incident(incidentId, 4, "retracted"));
            topic.send("shahed.incidents", UUID.randomUUID().toString(), "/shahed/incident-service",
                    "org.shahed.incident.published", incidentId.toString(), incident(incidentId, 3, "published"));
            await(() -> "incident-retracted".equals(given().header("Authorization", Tokens.bearer("analyst"))
                    .when().get("/api/v1/media/" + id).then().extract().path("reviewFlag")), "flagged for review");
            given().header("Authorization", Tokens.bearer("partner")).when().get("/api/v1/media/" + id).then().statusCode(404);
            given().header("Authorization", Tokens.bearer("partner")).when().get("/api/v1/media/" + id + "/derivatives/thumbnail")
                    .then().statusCode(404);

            // A record known to be deleted is refused, naming the field.
            UUID deletedIncident = UUID.randomUUID();
            topic.send("shahed.incidents", UUID.randomUUID().toString(), "/shahed/incident-service",
                    "org.shahed.incident.deleted", deletedIncident.toString(),
                    incident(deletedIncident, 3, "draft").replace("\"deleted\": false", "\"deleted\": true"));
            await(() -> link(id, "incident", deletedIncident, "wrong strike").statusCode() == 400, "deleted incident known");
            link(id, "incident", deletedIncident, "wrong strike").then().statusCode(400)
                    .body("violations[0].field", equalTo("targetId"));
        }
    }

    @Test
    void theChangesFeedGivesEachChangedFileOnceInCommitOrderWithTombstones() {
        String start = given().header("Authorization", Tokens.bearer("analyst")).queryParam("limit", 500)
                .when().get("/api/v1/media/changes").then().statusCode(200).extract().path("next");
        String cursor = start;
        List<String> seen;
        do {
            JsonPath page = given().header("Authorization", Tokens.bearer("analyst")).queryParam("since", cursor).queryParam("limit", 500)
                    .when().get("/api/v1/media/changes").then().statusCode(200).extract().jsonPath();
            seen = page.getList("items.id");
            cursor = page.getString("next");
        } while (!seen.isEmpty());

        Response firstUpload = MediaTest.upload("ingest",
                EvidenceFiles.pdf("feed one " + Instant.now()), "application/pdf", "1.pdf");
        String first = firstUpload.then().statusCode(201).extract().path("id");
        String second = MediaTest.upload("ingest", EvidenceFiles.pdf("feed two " + Instant.now()), "application/pdf", "2.pdf")
                .then().statusCode(201).extract().path("id");
        given().header("Authorization", Tokens.bearer("reviewer")).header("If-Match", firstUpload.header("ETag")).queryParam("reason", "duplicate scan")
                .when().delete("/api/v1/media/" + first).then().statusCode(204);

        JsonPath changes = given().header("Authorization", Tokens.bearer("analyst")).queryParam("since", cursor)
                .when().get("/api/v1/media/changes").then().statusCode(200).extract().jsonPath();
        assertThat(changes.getList("items.id")).containsExactly(second, first);
        assertThat(changes.getBoolean("items[1].tombstone")).isTrue();
        assertThat(changes.getString("items[1].change")).isEqualTo("retracted");
        assertThat(changes.getString("items[0].media.kind")).isEqualTo("document");
        given().header("Authorization", Tokens.bearer("analyst")).when().get("/api/v1/media/" + first).then().statusCode(404);
    }

    /** An incident as incident-service's events describe it, with {@code status}, applied here once this returns. */
    static void incidentEvent(UUID incidentId, long version, String status) throws InterruptedException {
        try (TopicWriter topic = new TopicWriter()) {
            topic.send("shahed.incidents", UUID.randomUUID().toString(), "/shahed/incident-service",
                    "org.shahed.incident." + (status.equals("draft") ? "created" : status), incidentId.toString(),
                    incident(incidentId, version, status));
        }
        await(() -> {
            return QuarkusTransaction.requiringNew().call(() -> {
                IncidentProjection known =
                        IncidentProjection.findById(incidentId);
                return known != null && known.version >= version;
            });
        }, "incident " + incidentId + " v" + version + " applied");
    }

    /** Links the file to a new published incident: what a file needs, beside clearing, for partners to read it. */
    static UUID documentPublishedIncident(String mediaId) throws InterruptedException {
        UUID incidentId = UUID.randomUUID();
        incidentEvent(incidentId, 1, "published");
        link(mediaId, "incident", incidentId, "the strike it shows").then().statusCode(201);
        return incidentId;
    }

    static Response link(String id, String type, UUID target, String reason) {
        return given().header("Authorization", Tokens.bearer("analyst")).contentType("application/json")
                .body("{\"targetType\": \"%s\", \"targetId\": \"%s\", \"reason\": \"%s\"}".formatted(type, target, reason))
                .when().post("/api/v1/media/" + id + "/links");
    }

    static void await(BooleanSupplier condition, String what) {
        Awaitility.await(what).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(condition::getAsBoolean);
    }
}
