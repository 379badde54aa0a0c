package org.shahed.incident;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.shahed.testing.Tokens;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * Who reads which incidents and what of them (issue 15's findings in incident-service, each with the request that
 * showed it): drafts stay with their organisation and the staff; partners read allow-listed fields of testimonies,
 * links and reports; published reports change through review only.
 */
@QuarkusTest
class IncidentDisclosureTest {

    private static UUID createAs(String authorization, String body) {
        return UUID.fromString(given().header("Authorization", authorization).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/incidents").then().statusCode(201).extract().path("id"));
    }

    @Test
    void anIngestionScriptReadsItsOwnOrganisationsDraftsAndNoOneElses() {
        String marker = AlQouriyah.marker();
        String snhr = Tokens.bearerOf("SNHR", "ingest");
        UUID draft = createAs(snhr, AlQouriyah.firstStrike(marker));
        given().header("Authorization", snhr).when().get("/api/v1/incidents/" + draft).then().statusCode(200)
                .body("createdBy", nullValue());
        given().header("Authorization", Tokens.bearerOf("Another Org", "ingest")).when().get("/api/v1/incidents/" + draft)
                .then().statusCode(404);
        assertThat(given().header("Authorization", Tokens.bearerOf("Another Org", "ingest")).queryParam("q", marker)
                .when().get("/api/v1/incidents").then().statusCode(200).extract().jsonPath().getList("items")).isEmpty();
        assertThat(given().header("Authorization", snhr).queryParam("q", marker)
                .when().get("/api/v1/incidents").then().statusCode(200).extract().jsonPath().getList("items.id"))
                .containsExactly(draft.toString());
        given().header("Authorization", Tokens.bearer("partner")).when().get("/api/v1/incidents/" + draft).then().statusCode(404);
    }

    @Test
    void partnersReadWhatAWitnessSaidNeverHowToReachThemOrNotesAboutThem() {
        UUID id = AlQouriyah.createdId(AlQouriyah.create("analyst", AlQouriyah.firstStrike(AlQouriyah.marker())));
        String testimony = AlQouriyah.testimony(true).replace("\"contactChannel\": \"facebook\"",
                "\"contactChannel\": \"WhatsApp +963-944-111111\"")
                .replace("Purpose of the interview explained; permission given", "lives with his brother, street 5");
        String shared = given().header("Authorization", Tokens.bearer("analyst")).contentType(ContentType.JSON).body(testimony)
                .when().post("/api/v1/incidents/" + id + "/testimonies").then().statusCode(201).extract().path("id");
        AlQouriyah.publish(id);
        for (String path : new String[] { "/testimonies", "/testimonies/" + shared }) {
            String body = given().header("Authorization", Tokens.bearer("partner"))
                    .when().get("/api/v1/incidents/" + id + path).then().statusCode(200).extract().asString();
            assertThat(body).as(path).contains("Abu Ahmad").doesNotContain("+963").doesNotContain("WhatsApp")
                    .doesNotContain("street 5").doesNotContain("Synthetic Name");
        }
        given().header("Authorization", Tokens.bearer("analyst")).when().get("/api/v1/incidents/" + id + "/testimonies/" + shared)
                .then().body("contactChannel", equalTo("WhatsApp +963-944-111111"))
                .body("consent.notes", equalTo("lives with his brother, street 5"));
    }

    @Test
    void partnersReadConfirmedLinksBetweenIncidentsTheyReadWithoutTheAnalystsNotes() {
        String marker = AlQouriyah.marker();
        UUID first = AlQouriyah.createdId(AlQouriyah.create("analyst", AlQouriyah.firstStrike(marker)));
        UUID second = AlQouriyah.createdId(AlQouriyah.create("analyst", AlQouriyah.secondStrike(marker)));
        List<Map<String, Object>> links = given().header("Authorization", Tokens.bearer("analyst"))
                .when().get("/api/v1/incidents/" + second + "/links").then().statusCode(200).extract().jsonPath().getList("items");
        Object link = links.stream().filter(l -> first.toString().equals(l.get("fromIncident"))).findFirst().orElseThrow().get("id");
        given().header("Authorization", Tokens.bearer("analyst")).contentType(ContentType.JSON)
                .body("{\"status\": \"confirmed\", \"firstRespondersHarmed\": true, \"note\": \"Abu Ahmad's cousin was among the paramedics\"}")
                .when().patch("/api/v1/incidents/" + second + "/links/" + link).then().statusCode(200);
        // Only the first strike is published: the confirmed link would point partners at a draft.
        AlQouriyah.publish(first);
        given().header("Authorization", Tokens.bearer("partner")).when().get("/api/v1/incidents/" + first + "/links")
                .then().statusCode(200).body("items.size()", equalTo(0)).body("hasMore", equalTo(false));
        AlQouriyah.publish(second);
        String body = given().header("Authorization", Tokens.bearer("partner")).when().get("/api/v1/incidents/" + first + "/links")
                .then().statusCode(200).body("items.size()", equalTo(1)).body("items[0].toIncident", equalTo(second.toString()))
                .extract().asString();
        assertThat(body).doesNotContain("cousin");
    }

    @Test
    void aPublishedReportChangesThroughAReviewerOnlyAndNeverCitesADraft() {
        UUID published = AlQouriyah.createdId(AlQouriyah.create("analyst", AlQouriyah.firstStrike(AlQouriyah.marker())));
        UUID draft = AlQouriyah.createdId(AlQouriyah.create("analyst", AlQouriyah.secondStrike(AlQouriyah.marker())));
        AlQouriyah.publish(published);
        String report = """
                {"title": {"en": "The Massacre of Al Qouriyah"}, "incidentIds": [%s]}""";
        given().header("Authorization", Tokens.bearer("analyst")).contentType(ContentType.JSON) // an older one: pages to page
                .body(report.formatted("\"" + published + "\"")).when().post("/api/v1/reports").then().statusCode(201);
        var created = given().header("Authorization", Tokens.bearer("analyst")).contentType(ContentType.JSON)
                .body(report.formatted("\"" + published + "\"")).when().post("/api/v1/reports").then().statusCode(201).extract();
        String id = created.path("id");
        var publishedReport = given().header("Authorization", Tokens.bearer("reviewer")).when().post("/api/v1/reports/" + id + "/publish")
                .then().statusCode(200).extract();
        String etag = publishedReport.header("ETag");
        // An analyst cannot rewrite it without review, nor point it at a draft.
        given().header("Authorization", Tokens.bearer("analyst")).header("If-Match", etag).contentType(ContentType.JSON)
                .body(report.formatted("\"" + published + "\", \"" + draft + "\"")).when().put("/api/v1/reports/" + id)
                .then().statusCode(403);
        given().header("Authorization", Tokens.bearer("reviewer")).header("If-Match", etag).contentType(ContentType.JSON)
                .body(report.formatted("\"" + published + "\", \"" + draft + "\"")).when().put("/api/v1/reports/" + id)
                .then().statusCode(400).body("violations[0].field", equalTo("incidentIds[1]"));
        given().header("Authorization", Tokens.bearer("partner")).when().get("/api/v1/reports/" + id).then().statusCode(200)
                .body("incidentIds", Matchers.contains(published.toString()));

        // Listed newest first, page by page; partners list the published reports only.
        String unpublished = given().header("Authorization", Tokens.bearer("analyst")).contentType(ContentType.JSON)
                .body(report.formatted("\"" + published + "\"")).when().post("/api/v1/reports").then().statusCode(201)
                .extract().path("id");
        List<String> staffFirstTwo = given().header("Authorization", Tokens.bearer("analyst")).queryParam("limit", 2)
                .when().get("/api/v1/reports").then().statusCode(200).body("hasMore", equalTo(true))
                .extract().jsonPath().getList("items.id");
        assertThat(staffFirstTwo).containsExactly(unpublished, id);
        JsonPath partnerFirst = given().header("Authorization", Tokens.bearer("partner"))
                .queryParam("limit", 1).when().get("/api/v1/reports").then().statusCode(200).extract().jsonPath();
        assertThat(partnerFirst.getList("items.id")).containsExactly(id);
        List<String> partnerRest = new ArrayList<>();
        String cursor = partnerFirst.getString("next");
        while (cursor != null) {
            JsonPath page = given().header("Authorization", Tokens.bearer("partner"))
                    .queryParam("limit", 50).queryParam("cursor", cursor).when().get("/api/v1/reports")
                    .then().statusCode(200).extract().jsonPath();
            partnerRest.addAll(page.getList("items.id"));
            cursor = page.getString("next");
        }
        assertThat(partnerRest).doesNotContain(id, unpublished);
    }

    @Test
    void controlCharactersLongTermsAndWildcardsInSearchesAreHandled() {
        for (String parameter : new String[] { "place", "patternFlag", "q" }) {
            given().header("Authorization", Tokens.bearer("partner")).urlEncodingEnabled(false)
                    .when().get("/api/v1/incidents?" + parameter + "=x%00y")
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("violations[0].field", equalTo(parameter));
        }
        for (String parameter : new String[] { "q", "place" }) {
            given().header("Authorization", Tokens.bearer("analyst")).queryParam(parameter, "x".repeat(201))
                    .when().get("/api/v1/incidents").then().statusCode(400).body("violations[0].field", equalTo(parameter));
        }
        // A wildcard is a character like any other: "%" finds no place named so.
        assertThat(given().header("Authorization", Tokens.bearer("analyst")).queryParam("place", "%")
                .when().get("/api/v1/incidents").then().statusCode(200).extract().jsonPath().getList("items")).isEmpty();
    }

    @Test
    void aTitleThatWouldRunAsASpreadsheetFormulaIsExportedInert() throws Exception {
        String marker = AlQouriyah.marker();
        UUID id = AlQouriyah.createdId(AlQouriyah.create("analyst", AlQouriyah.firstStrike(marker)
                .replace("\"First strike on Al Ta'es", "\"=cmd|'/C calc'!A0 First strike on Al Ta'es")));
        AlQouriyah.publish(id);
        String csv = given().header("Authorization", Tokens.bearer("partner")).queryParam("q", marker)
                .when().get("/api/v1/incidents/export.csv").then().statusCode(200).extract().asString();
        CSVRecord row = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(new StringReader(csv))
                .getRecords().stream().filter(r -> r.get("id").equals(id.toString())).findFirst().orElseThrow();
        assertThat(row.get("title_en")).startsWith("'=cmd|");
    }
}
