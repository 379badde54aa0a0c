package org.shahed.incident;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.shahed.incident.incident.IncidentFilter;
import org.shahed.incident.incident.IncidentSearch;
import org.shahed.platform.security.Audience;
import org.shahed.testing.TopicReader;
import org.shahed.testing.Tokens;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.cloudevents.CloudEvent;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;

/** Optimistic locking, the workflow and its roles, history, the partners' changes feed, exports and events. */
@QuarkusTest
class WorkflowSyncAndHistoryTest {
    private static final String MERGE_PATCH = "application/merge-patch+json";
    @Inject
    IncidentSearch search;

    @Test
    void updatesNeedTheCurrentETag() {
        UUID id = AlQouriyah.createdId(AlQouriyah.create("analyst", AlQouriyah.firstStrike(AlQouriyah.marker())));
        String patch = "{\"means\": {\"munitions\": {\"min\": 8}}, \"narrative\": null}";

        given().header("Authorization", Tokens.bearer("analyst")).contentType(MERGE_PATCH).body(patch)
                .when().patch("/api/v1/incidents/" + id)
                .then().statusCode(428).contentType("application/problem+json");
        given().header("Authorization", Tokens.bearer("analyst")).header("If-Match", "\"7\"").contentType(MERGE_PATCH)
                .body(patch)
                .when().patch("/api/v1/incidents/" + id)
                .then().statusCode(412).contentType("application/problem+json");

        JsonPath patched = given().header("Authorization", Tokens.bearer("analyst")).header("If-Match", "\"1\"")
                .contentType(MERGE_PATCH).body(patch)
                .when().patch("/api/v1/incidents/" + id)
                .then().statusCode(200).header("ETag", "\"2\"").extract().jsonPath();
        assertThat(patched.getInt("means.munitions.min")).isEqualTo(8);
        assertThat(patched.getInt("means.strikes")).isEqualTo(2); // untouched members stay
        assertThat(patched.getMap("narrative")).isNull();          // null removes (RFC 7386)

        // The first writer's ETag is now stale: a second writer holding "1" cannot overwrite the change.
        given().header("Authorization", Tokens.bearer("reviewer")).header("If-Match", "\"1\"")
                .contentType(ContentType.JSON).body(AlQouriyah.firstStrike("overwrite"))
                .when().put("/api/v1/incidents/" + id)
                .then().statusCode(412);
    }

    @Test
    void eachWorkflowStepNeedsItsRoleAndItsOrder() {
        UUID id = AlQouriyah.createdId(AlQouriyah.create("analyst", AlQouriyah.firstStrike(AlQouriyah.marker())));
        expect(id, "analyst", "verify", 403);
        expect(id, "reviewer", "publish", 409); // a draft is not verified yet
        expect(id, "partner", "review", 403);
        expect(id, "analyst", "review", 200);
        expect(id, "analyst", "publish", 403);
        expect(id, "reviewer", "verify", 200);
        // Verified facts are corrected by reviewers only.
        given().header("Authorization", Tokens.bearer("analyst")).header("If-Match", "\"3\"").contentType(MERGE_PATCH)
                .body("{\"timeZone\": \"UTC\"}")
                .when().patch("/api/v1/incidents/" + id)
                .then().statusCode(403);
        expect(id, "reviewer", "publish", 200);
        given().header("Authorization", Tokens.bearer("reviewer")).contentType(ContentType.JSON).body("{}")
                .when().post("/api/v1/incidents/" + id + "/retract")
                .then().statusCode(400).body("violations[0].field", equalTo("reason"));
        given().header("Authorization", Tokens.bearer("analyst")).header("If-Match", "\"4\"")
                .when().delete("/api/v1/incidents/" + id)
                .then().statusCode(409); // published: retracted, not deleted

        List<String> changes = given().header("Authorization", Tokens.bearer("reviewer"))
                .when().get("/api/v1/incidents/" + id + "/history")
                .then().statusCode(200).extract().jsonPath().getList("items.change");
        assertThat(changes).containsExactly("created", "submitted-for-review", "verified", "published");
        // A long history is read page by page, oldest first.
        JsonPath firstPage = given().header("Authorization", Tokens.bearer("reviewer"))
                .queryParam("limit", 3).when().get("/api/v1/incidents/" + id + "/history")
                .then().statusCode(200).extract().jsonPath();
        assertThat(firstPage.getList("items.change")).containsExactly("created", "submitted-for-review", "verified");
        assertThat(firstPage.getBoolean("hasMore")).isTrue();
        JsonPath lastPage = given().header("Authorization", Tokens.bearer("reviewer"))
                .queryParam("limit", 3).queryParam("cursor", firstPage.getString("next"))
                .when().get("/api/v1/incidents/" + id + "/history").then().statusCode(200).extract().jsonPath();
        assertThat(lastPage.getList("items.change")).containsExactly("published");
        assertThat(lastPage.getBoolean("hasMore")).isFalse();
        given().header("Authorization", Tokens.bearer("partner"))
                .when().get("/api/v1/incidents/" + id + "/history")
                .then().statusCode(403);
    }

    @Test
    void partnersSyncPublishedIncidentsAndReceiveTombstones() {
        String since = given().header("Authorization", Tokens.bearer("partner"))
                .when().get("/api/v1/incidents/changes?limit=500")
                .then().statusCode(200).extract().path("next");
        // Drain to the current end of the feed.
        since = drain(since);

        UUID draft = AlQouriyah.createdId(AlQouriyah.create("analyst", AlQouriyah.firstStrike(AlQouriyah.marker())));
        UUID published = AlQouriyah.createdId(AlQouriyah.create("analyst", AlQouriyah.firstStrike(AlQouriyah.marker())));
        AlQouriyah.publish(published);

        JsonPath page = given().header("Authorization", Tokens.bearer("partner")).queryParam("since", since)
                .when().get("/api/v1/incidents/changes")
                .then().statusCode(200).extract().jsonPath();
        assertThat(page.getList("items.id")).contains(published.toString()).doesNotContain(draft.toString());
        assertThat(page.getString("items.find { it.id == '" + published + "' }.change")).isEqualTo("published");
        assertThat(page.getString("items.find { it.id == '" + published + "' }.incident.status")).isEqualTo("published");
        String next = page.getString("next");

        given().header("Authorization", Tokens.bearer("reviewer")).contentType(ContentType.JSON)
                .body("{\"reason\": \"A second source places the strike in another neighbourhood\"}")
                .when().post("/api/v1/incidents/" + published + "/retract")
                .then().statusCode(200).body("status", equalTo("retracted"));

        JsonPath after = given().header("Authorization", Tokens.bearer("partner")).queryParam("since", next)
                .when().get("/api/v1/incidents/changes")
                .then().statusCode(200).extract().jsonPath();
        Map<String, Object> tombstone = after.getMap("items.find { it.id == '" + published + "' }");
        assertThat(tombstone).containsEntry("change", "retracted").containsEntry("tombstone", true)
                .containsEntry("reason", "A second source places the strike in another neighbourhood")
                .doesNotContainKey("incident");
        given().header("Authorization", Tokens.bearer("partner"))
                .when().get("/api/v1/incidents/" + published)
                .then().statusCode(404);

        given().header("Authorization", Tokens.bearer("partner")).queryParam("cursor", "bm90LWEtY3Vyc29y")
                .when().get("/api/v1/incidents/changes")
                .then().statusCode(400).body("violations[0].field", equalTo("cursor"));
    }

    @Test
    void partsKeepTheirHistoryAndMoveTheirIncidentInTheFeedOnlyWhenPartnersReadThem() {
        UUID id = AlQouriyah.createdId(AlQouriyah.create("analyst", AlQouriyah.firstStrike(AlQouriyah.marker())));
        AlQouriyah.publish(id);
        String since = drain(null);
        String base = "/api/v1/incidents/" + id;

        // A testimony kept from partners, then corrected: its history holds both statements, partners' feed nothing.
        var hidden = given().header("Authorization", Tokens.bearer("analyst")).contentType(ContentType.JSON)
                .body(AlQouriyah.testimony(false)).when().post(base + "/testimonies").then().statusCode(201).extract();
        String hiddenId = hidden.path("id");
        given().header("Authorization", Tokens.bearer("analyst")).header("If-Match", hidden.header("ETag"))
                .contentType(ContentType.JSON).body(AlQouriyah.testimony(false).replace("Abu Ahmad", "Abu Khalil"))
                .when().put(base + "/testimonies/" + hiddenId).then().statusCode(200);
        JsonPath states = given().header("Authorization", Tokens.bearer("reviewer"))
                .when().get(base + "/testimonies/" + hiddenId + "/history").then().statusCode(200).extract().jsonPath();
        assertThat(states.getList("items.change")).containsExactly("added", "updated");
        assertThat(states.getList("items.state.witnessPseudonym")).containsExactly("Abu Ahmad", "Abu Khalil");
        assertThat(states.getString("items[0].state.identity.fullName")).isEqualTo("Synthetic Name Al-Example");
        given().header("Authorization", Tokens.bearer("partner"))
                .when().get(base + "/testimonies/" + hiddenId + "/history").then().statusCode(403);
        given().header("Authorization", Tokens.bearer("analyst"))
                .when().get(base + "/testimonies/" + UUID.randomUUID() + "/history").then().statusCode(404);
        assertThat(changedSince(since)).doesNotContain(id.toString());

        // A testimony partners read: the incident comes again in their feed, at a newer version.
        long version = given().header("Authorization", Tokens.bearer("partner")).when().get(base)
                .then().statusCode(200).extract().jsonPath().getLong("version");
        given().header("Authorization", Tokens.bearer("analyst")).contentType(ContentType.JSON)
                .body(AlQouriyah.testimony(true)).when().post(base + "/testimonies").then().statusCode(201);
        JsonPath moved = given().header("Authorization", Tokens.bearer("partner")).queryParam("since", since)
                .when().get("/api/v1/incidents/changes").then().statusCode(200).extract().jsonPath();
        assertThat(moved.getList("items.id")).contains(id.toString());
        assertThat(moved.getLong("items.find { it.id == '" + id + "' }.incident.version")).isGreaterThan(version);

        // A legal qualification: its history, and the incident moves again (partners read qualifications).
        String afterTestimony = moved.getString("next");
        String qualification = given().header("Authorization", Tokens.bearer("analyst")).contentType(ContentType.JSON)
                .body("""
                        {"instrument": "rome-statute-art-8", "provision": "8(2)(c)(i)",
                         "conflictClassification": "non-international",
                         "elements": [{"element": "The perpetrator killed one or more persons", "established": true,
                                       "evidence": [{"kind": "claim", "claimId": "claim-four-missiles"}]}],
                         "standardOfProof": "reasonable-grounds", "conclusion": {"en": "Wilful killing of civilians."}}""")
                .when().post(base + "/legal-qualifications").then().statusCode(201).extract().path("id");
        given().header("Authorization", Tokens.bearer("analyst"))
                .when().get(base + "/legal-qualifications/" + qualification + "/history").then().statusCode(200)
                .body("items.change", Matchers.contains("added"))
                .body("items[0].state.provision", equalTo("8(2)(c)(i)"));
        assertThat(changedSince(afterTestimony)).contains(id.toString());

        // Reports keep theirs too.
        var report = given().header("Authorization", Tokens.bearer("analyst")).contentType(ContentType.JSON)
                .body("{\"title\": {\"en\": \"The Massacre of Al Qouriyah\"}, \"incidentIds\": [\"" + id + "\"]}")
                .when().post("/api/v1/reports").then().statusCode(201).extract();
        given().header("Authorization", Tokens.bearer("analyst")).header("If-Match", report.header("ETag"))
                .contentType(ContentType.JSON)
                .body("{\"title\": {\"en\": \"The Al Qouriyah Massacre\"}, \"incidentIds\": [\"" + id + "\"]}")
                .when().put("/api/v1/reports/" + report.path("id")).then().statusCode(200);
        given().header("Authorization", Tokens.bearer("reviewer")).when().get("/api/v1/reports/" + report.path("id") + "/history")
                .then().statusCode(200).body("items.change", Matchers.contains("created", "updated"))
                .body("items[0].state.title.en", equalTo("The Massacre of Al Qouriyah"));
    }

    @Test
    void partnersSyncReportsFromTheirPublicationOnAndSeeCorrections() {
        UUID incident = AlQouriyah.createdId(AlQouriyah.create("analyst", AlQouriyah.firstStrike(AlQouriyah.marker())));
        AlQouriyah.publish(incident);
        String partnerCursor = drainReports("partner", null);
        String staffCursor = drainReports("analyst", null);

        // A draft is in the staff's feed only.
        var report = given().header("Authorization", Tokens.bearer("analyst")).contentType(ContentType.JSON)
                .body("{\"title\": {\"en\": \"The Massacre of Al Qouriyah\"}, \"incidentIds\": [\"" + incident + "\"]}")
                .when().post("/api/v1/reports").then().statusCode(201).extract();
        String id = report.path("id");
        JsonPath staff = reportChanges("analyst", staffCursor);
        assertThat(staff.getList("items.id")).containsExactly(id);
        assertThat(staff.getString("items[0].change")).isEqualTo("created");
        assertThat(reportChanges("partner", partnerCursor).getList("items")).isEmpty();

        // Published: partners get it once, with its content; corrected: again, at its new version.
        String etag = given().header("Authorization", Tokens.bearer("reviewer")).when().post("/api/v1/reports/" + id + "/publish")
                .then().statusCode(200).extract().header("ETag");
        JsonPath published = reportChanges("partner", partnerCursor);
        assertThat(published.getList("items.id")).containsExactly(id);
        assertThat(published.getString("items[0].change")).isEqualTo("published");
        assertThat(published.getBoolean("items[0].tombstone")).isFalse();
        assertThat(published.getString("items[0].report.title.en")).isEqualTo("The Massacre of Al Qouriyah");
        assertThat(published.getList("items[0].report.incidentIds")).containsExactly(incident.toString());
        long publishedVersion = published.getLong("items[0].report.version");

        given().header("Authorization", Tokens.bearer("reviewer")).header("If-Match", etag).contentType(ContentType.JSON)
                .body("{\"title\": {\"en\": \"The Al Qouriyah Massacre\"}, \"incidentIds\": [\"" + incident + "\"]}")
                .when().put("/api/v1/reports/" + id).then().statusCode(200);
        JsonPath corrected = reportChanges("partner", published.getString("next"));
        assertThat(corrected.getList("items.id")).containsExactly(id);
        assertThat(corrected.getString("items[0].change")).isEqualTo("updated");
        assertThat(corrected.getString("items[0].report.title.en")).isEqualTo("The Al Qouriyah Massacre");
        assertThat(corrected.getLong("items[0].report.version")).isGreaterThan(publishedVersion);
        assertThat(reportChanges("partner", corrected.getString("next")).getList("items")).isEmpty();
        given().header("Authorization", Tokens.bearer("ingest")).when().get("/api/v1/reports/changes").then().statusCode(403);
    }

    private static JsonPath reportChanges(String role, String cursor) {
        var request = given().header("Authorization", Tokens.bearer(role)).queryParam("limit", 500);
        if (cursor != null) {
            request.queryParam("cursor", cursor);
        }
        return request.when().get("/api/v1/reports/changes").then().statusCode(200).extract().jsonPath();
    }

    private static String drainReports(String role, String cursor) {
        while (true) {
            JsonPath page = reportChanges(role, cursor);
            cursor = page.getString("next");
            if (page.getList("items").isEmpty()) {
                return cursor;
            }
        }
    }

    private static List<String> changedSince(String since) {
        return given().header("Authorization", Tokens.bearer("partner")).queryParam("since", since).queryParam("limit", 500)
                .when().get("/api/v1/incidents/changes").then().statusCode(200).extract().jsonPath().getList("items.id");
    }

    @Test
    void aMergedDuplicatePointsPartnersToTheSurvivor() {
        String marker = AlQouriyah.marker();
        UUID survivor = AlQouriyah.createdId(AlQouriyah.create("analyst", AlQouriyah.firstStrike(marker)));
        UUID duplicate = AlQouriyah.createdId(AlQouriyah.create("ingest", AlQouriyah.firstStrike(marker)));
        AlQouriyah.publish(survivor);
        AlQouriyah.publish(duplicate);
        String since = drain(null);

        given().header("Authorization", Tokens.bearer("reviewer")).header("If-Match", "\"4\"")
                .contentType(ContentType.JSON)
                .body("{\"survivorId\": \"" + survivor + "\", \"reason\": \"Same strike reported by two sources\"}")
                .when().post("/api/v1/incidents/" + duplicate + "/merge")
                .then().statusCode(200).body("status", equalTo("merged")).body("mergedInto", equalTo(survivor.toString()));

        given().header("Authorization", Tokens.bearer("partner")).queryParam("since", since)
                .when().get("/api/v1/incidents/changes")
                .then().statusCode(200)
                .body("items.find { it.id == '" + duplicate + "' }.change", equalTo("merged"))
                .body("items.find { it.id == '" + duplicate + "' }.survivorId", equalTo(survivor.toString()));
    }

    @Test
    void anExportReadsOneSnapshotWhileIncidentsChange() {
        String marker = AlQouriyah.marker();
        UUID first = AlQouriyah.createdId(AlQouriyah.create("analyst", AlQouriyah.firstStrike(marker)));
        UUID second = AlQouriyah.createdId(AlQouriyah.create("analyst", AlQouriyah.secondStrike(marker)));
        IncidentFilter filter = new IncidentFilter();
        filter.q = marker;
        List<String> read = new ArrayList<>();
        search.export(filter, Audience.STAFF).forEach(incident -> {
            read.add(incident.id + "@" + incident.version);
            if (read.size() == 1) {
                // Another client changes the incident not sent yet and adds one, while this reads.
                given().header("Authorization", Tokens.bearer("analyst")).header("If-Match", "\"1\"")
                        .contentType(MERGE_PATCH).body("{\"means\": {\"munitions\": {\"min\": 9}}}")
                        .when().patch("/api/v1/incidents/" + second).then().statusCode(200);
                AlQouriyah.create("analyst", AlQouriyah.secondStrike(marker));
            }
        });
        assertThat(read).containsExactly(first + "@1", second + "@1");
        List<String> after = new ArrayList<>();
        search.export(filter, Audience.STAFF).forEach(incident -> after.add(incident.id + "@" + incident.version));
        assertThat(after).hasSize(3).contains(first + "@1", second + "@2");
        // Numbers reach the export's query too: the bounding box around Al Qouriyah, then one far from it.
        filter.bbox = "40.0,34.5,41.0,35.5";
        List<String> inBox = new ArrayList<>();
        search.export(filter, Audience.STAFF).forEach(incident -> inBox.add(incident.id.toString()));
        assertThat(inBox).hasSize(3);
        filter.bbox = "0,0,1,1";
        List<String> outside = new ArrayList<>();
        search.export(filter, Audience.STAFF).forEach(incident -> outside.add(incident.id.toString()));
        assertThat(outside).isEmpty();
    }

    @Test
    void anExportWithABadFilterIsAProblemNamingIt() {
        given().header("Authorization", Tokens.bearer("partner")).queryParam("from", "yesterday")
                .when().get("/api/v1/incidents/export.geojson").then().statusCode(400)
                .contentType("application/problem+json").body("violations[0].field", equalTo("from"));
    }

    @Test
    void csvAndGeoJsonExportsParseBack() throws Exception {
        AlQouriyah.isisControlsTheDistrict();
        String marker = AlQouriyah.marker();
        UUID id = AlQouriyah.createdId(AlQouriyah.create("analyst", AlQouriyah.firstStrike(marker)));
        AlQouriyah.publish(id);

        String csv = given().header("Authorization", Tokens.bearer("partner")).queryParam("q", marker).queryParam("hxl", true)
                .when().get("/api/v1/incidents/export.csv")
                .then().statusCode(200).contentType("text/csv").extract().asString();
        List<CSVRecord> rows = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(csv)).getRecords();
        assertThat(rows.get(0).get("id")).isEqualTo("#event+id");
        CSVRecord row = rows.stream().filter(r -> r.get("id").equals(id.toString())).findFirst().orElseThrow();
        assertThat(row.get("title_ar")).contains("القورية");
        assertThat(row.get("place_en")).isEqualTo("Al Qouriyah");
        assertThat(row.get("admin2_pcode")).isEqualTo("SY0903");
        assertThat(row.get("perpetrators")).isEqualTo("russian-forces");
        assertThat(row.get("controlling_party")).isEqualTo("isis");
        assertThat(row.get("start")).isEqualTo("2016-06-25T09:00:00Z");

        String geojson = given().header("Authorization", Tokens.bearer("partner")).queryParam("q", marker)
                .when().get("/api/v1/incidents/export.geojson")
                .then().statusCode(200).extract().asString();
        JsonNode collection = new ObjectMapper().readTree(geojson);
        assertThat(collection.get("type").asText()).isEqualTo("FeatureCollection");
        JsonNode feature = collection.get("features").get(0);
        assertThat(feature.at("/geometry/coordinates/0").asDouble()).isEqualTo(40.5135);
        assertThat(feature.at("/geometry/coordinates/1").asDouble()).isEqualTo(34.9686);
        assertThat(feature.at("/properties/id").asText()).isEqualTo(id.toString());
        assertThat(feature.at("/properties/precisionMetres").asInt()).isEqualTo(500);
    }

    @Test
    void everyWriteEmitsItsEventWithoutProtectedFields() {
        try (TopicReader reader = new TopicReader("shahed.incidents")) {
            UUID id = AlQouriyah.createdId(AlQouriyah.create("analyst", AlQouriyah.firstStrike(AlQouriyah.marker())));
            given().header("Authorization", Tokens.bearer("analyst")).contentType(ContentType.JSON)
                    .body(AlQouriyah.testimony(true))
                    .when().post("/api/v1/incidents/" + id + "/testimonies")
                    .then().statusCode(201);
            AlQouriyah.publish(id);

            List<TopicReader.Received> events = reader.await(TopicReader.subject(id.toString()), 4, Duration.ofSeconds(30));
            assertThat(events).extracting(r -> r.event().getType()).containsExactly(
                    "org.shahed.incident.created", "org.shahed.incident.submitted-for-review",
                    "org.shahed.incident.verified", "org.shahed.incident.published");
            CloudEvent published = events.get(3).event();
            String data = new String(published.getData().toBytes(), StandardCharsets.UTF_8);
            assertThat(data).contains("\"status\":\"published\"").contains("\"version\":4").contains("russian-forces");
            assertThat(events).allSatisfy(r -> assertThat(r.key()).isEqualTo(id.toString()));

            List<TopicReader.Received> testimonyEvents = reader.await(
                    e -> "org.shahed.incident.testimony-added".equals(e.getType())
                            && new String(e.getData().toBytes()).contains(id.toString()), 1, Duration.ofSeconds(30));
            assertThat(testimonyEvents).hasSize(1);
            String testimonyData = new String(testimonyEvents.get(0).event().getData().toBytes(),
                    StandardCharsets.UTF_8);
            assertThat(testimonyData).doesNotContain("Abu Ahmad").doesNotContain("Synthetic").doesNotContain("facebook.com");
        }
    }

    private static void expect(UUID id, String role, String action, int status) {
        given().header("Authorization", Tokens.bearer(role))
                .when().post("/api/v1/incidents/" + id + "/" + action)
                .then().statusCode(status);
    }

    private static String drain(String since) {
        String cursor = since;
        while (true) {
            var request = given().header("Authorization", Tokens.bearer("partner")).queryParam("limit", 500);
            if (cursor != null) {
                request.queryParam("since", cursor);
            }
            JsonPath page = request.when().get("/api/v1/incidents/changes").then().statusCode(200).extract().jsonPath();
            cursor = page.getString("next");
            if (page.getList("items").isEmpty()) {
                return cursor;
            }
        }
    }
}
