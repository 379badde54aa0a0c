package org.shahed.casualty;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import java.util.UUID;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.shahed.testing.Tokens;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/** Single records: idempotent ingestion, protection of names and relatives, uncertain ages, reported counts. */
@QuarkusTest
class CasualtyRecordTest {

    static String record(UUID incident, String sex, String age, boolean publishName, String externalId) {
        return """
                {"incidentId": "%s",
                 "names": {"fullNameAr": "ضحية تجريبية", "fullNameLatin": "Synthetic Victim", "fatherName": "Synthetic Father"},
                 "sex": "%s", %s "outcome": "killed", "status": "civilian", "roles": ["civil-defence-rescuer"],
                 "date": {"on": "2016-06-25", "precision": "day"},
                 "place": {"name": {"en": "Al Qouriyah", "ar": "القورية"}, "adminPcodes": ["SY09", "SY0903"]},
                 "cause": "airstrike", "documentationLevel": "corroborated",
                 "sources": [{"type": "family-member", "reference": "interview", "independent": true},
                             {"type": "local-media-activist", "reference": "Abu Ahmad", "independent": true}],
                 "consent": {"publishName": %s, "obtainedOn": "2016-06-27"},
                 "relativesContact": [{"name": "Synthetic Brother", "relation": "brother", "contact": "+000 0000"}]
                 %s}
                """.formatted(incident, sex, age == null ? "" : "\"age\": " + age + ",", publishName,
                externalId == null ? "" : ", \"sourceSystem\": \"snhr-victims-db\", \"externalId\": \"" + externalId + "\"");
    }

    @Test
    void theSameIdempotencyKeyReplayedReturnsTheFirstResult() {
        UUID incident = UUID.randomUUID();
        String key = UUID.randomUUID().toString();
        String body = record(incident, "male", "{\"years\": 30}", false, null);
        String first = post(body, key).then().statusCode(201).extract().path("id");
        String replay = post(body, key).then().statusCode(201).extract().path("id");
        assertThat(replay).isEqualTo(first);
        assertThat(BulkImportTest.counts(incident).getInt("named.killed.min")).isEqualTo(1);
        post(record(incident, "female", "{\"years\": 30}", false, null), key).then().statusCode(422)
                .body("violations[0].field", equalTo("Idempotency-Key"));
    }

    @Test
    void theSameSourceRecordAgainUpdatesInsteadOfDuplicating() {
        UUID incident = UUID.randomUUID();
        String external = "AQ-" + UUID.randomUUID();
        String id = post(record(incident, "male", "{\"years\": 30}", false, external), null).then().statusCode(201)
                .header("ETag", "\"1\"").extract().path("id");
        post(record(incident, "male", "{\"years\": 31}", false, external), null).then().statusCode(200)
                .body("id", equalTo(id)).body("age.years", equalTo(31)).header("ETag", "\"2\"");
        post(record(incident, "male", "{\"years\": 31}", false, external), null).then().statusCode(200)
                .header("ETag", "\"2\""); // identical: nothing changes
        assertThat(BulkImportTest.counts(incident).getInt("named.killed.min")).isEqualTo(1);
    }

    @Test
    void namesNeedConsentOrRoleAndRelativesContactsNeedRoleAndWithdrawalActsAtOnce() {
        UUID incident = PublishedIncidents.published();
        var created = post(record(incident, "female", "{\"years\": 34}", true, null), null).then().statusCode(201)
                .extract();
        String id = created.path("id");

        given().header("Authorization", Tokens.bearer("partner")).when().get("/api/v1/casualties/" + id)
                .then().statusCode(200)
                .body("names.fullNameLatin", equalTo("Synthetic Victim"))
                .body("$", not(hasKey("relativesContact")))
                .body("woman", equalTo(true)).body("child", equalTo(false)).body("independentSources", equalTo(2));
        given().header("Authorization", Tokens.bearer("analyst")).when().get("/api/v1/casualties/" + id)
                .then().statusCode(200).body("relativesContact[0].contact", equalTo("+000 0000"));

        // The family withdraws consent: from this write on, no read shows the name to partners or scripts.
        given().header("Authorization", Tokens.bearer("analyst")).header("If-Match", "\"1\"").contentType(ContentType.JSON)
                .body(record(incident, "female", "{\"years\": 34}", false, null))
                .when().put("/api/v1/casualties/" + id)
                .then().statusCode(200).body("names.fullNameLatin", equalTo("Synthetic Victim"));
        for (String role : new String[] { "partner", "ingest" }) {
            String body = given().header("Authorization", Tokens.bearer(role)).when().get("/api/v1/casualties/" + id)
                    .then().statusCode(200).body("names", nullValue()).extract().asString();
            assertThat(body).doesNotContain("Synthetic").doesNotContain("ضحية");
        }
        String list = given().header("Authorization", Tokens.bearer("partner")).queryParam("incidentId", incident)
                .when().get("/api/v1/casualties").then().statusCode(200).extract().asString();
        assertThat(list).doesNotContain("Synthetic").doesNotContain("+000 0000");
    }

    @Test
    void unknownAgesAndSexesWidenTheRangesInsteadOfBeingGuessed() {
        UUID incident = UUID.randomUUID();
        post(record(incident, "female", "{\"years\": 8}", false, null), null).then().statusCode(201);
        post(record(incident, "female", null, false, null), null).then().statusCode(201);
        post(record(incident, "unknown", "{\"group\": \"adult\"}", false, null), null).then().statusCode(201);
        post(record(incident, "male", "{\"group\": \"elderly\"}", false, null), null).then().statusCode(201);

        JsonPath counts = BulkImportTest.counts(incident);
        assertThat(counts.getInt("named.killed.min")).isEqualTo(4);
        assertThat(counts.getInt("named.children.min")).isEqualTo(1);  // the 8-year-old girl
        assertThat(counts.getInt("named.children.max")).isEqualTo(2);  // + the woman or girl of unknown age
        assertThat(counts.getInt("named.women.min")).isEqualTo(0);
        assertThat(counts.getInt("named.women.max")).isEqualTo(2);     // unknown age female, adult of unknown sex
        assertThat(counts.getInt("named.men.min")).isEqualTo(1);
        assertThat(counts.getInt("named.men.max")).isEqualTo(2);
    }

    @Test
    void reportedFiguresStandBesideTheNamedCounts() {
        UUID incident = UUID.randomUUID();
        post(record(incident, "female", "{\"years\": 8}", false, null), null).then().statusCode(201);
        given().header("Authorization", Tokens.bearer("analyst")).contentType(ContentType.JSON)
                .body("""
                        {"source": "SNHR report on the Al Qouriyah massacre", "asOf": "2016-06-27",
                         "basis": "SNHR documentation", "figures": {"killed": {"min": 62, "max": 62},
                         "children": {"min": 30}, "women": {"min": 20}, "injured": {"min": 30}}}
                        """)
                .when().post("/api/v1/casualty-counts/" + incident + "/reported")
                .then().statusCode(201);
        JsonPath counts = BulkImportTest.counts(incident);
        assertThat(counts.getInt("named.killed.min")).isEqualTo(1);
        assertThat(counts.getInt("reported[0].figures.killed.min")).isEqualTo(62);
        assertThat(counts.getInt("reported[0].figures.children.min")).isEqualTo(30);
        assertThat(counts.getString("reported[0].source")).contains("Al Qouriyah");
    }

    @Test
    void deletionIsSoftNeedsTheETagAndMovesTheCounts() {
        UUID incident = UUID.randomUUID();
        String id = post(record(incident, "male", "{\"years\": 30}", false, null), null).then().statusCode(201)
                .extract().path("id");
        given().header("Authorization", Tokens.bearer("analyst")).when().delete("/api/v1/casualties/" + id)
                .then().statusCode(428);
        given().header("Authorization", Tokens.bearer("analyst")).header("If-Match", "\"1\"")
                .when().delete("/api/v1/casualties/" + id).then().statusCode(204);
        assertThat(BulkImportTest.counts(incident).getInt("named.killed.min")).isZero();
        given().header("Authorization", Tokens.bearer("reviewer")).when().get("/api/v1/casualties/" + id + "/history")
                .then().statusCode(200).body("items.change", Matchers.contains("created", "deleted"));
    }

    @Test
    void impossibleValuesAreRejectedNamingTheField() {
        UUID incident = UUID.randomUUID();
        post(record(incident, "male", "{\"years\": 200}", false, null), null).then().statusCode(400)
                .body("violations[0].field", equalTo("age.years"));
        post(record(incident, "male", "{\"years\": 30}", false, null).replace("2016-06-25", "2999-06-25"), null)
                .then().statusCode(400).body("violations[0].field", equalTo("date.on"));
        post(record(incident, "male", "{\"years\": 9, \"group\": \"adult\"}", false, null), null)
                .then().statusCode(400).body("violations[0].field", equalTo("age.group"));
        post(record(incident, "dragon", null, false, null), null).then().statusCode(400)
                .body("violations[0].field", equalTo("sex"));
        given().header("Authorization", Tokens.bearer("partner")).contentType(ContentType.JSON)
                .body(record(incident, "male", null, false, null))
                .when().post("/api/v1/casualties").then().statusCode(403);
    }

    private static Response post(String body, String key) {
        var request = given().header("Authorization", Tokens.bearer("ingest")).contentType(ContentType.JSON).body(body);
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        return request.when().post("/api/v1/casualties");
    }
}
