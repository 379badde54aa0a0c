package org.shahed.incident;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.shahed.testing.Tokens;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** The whole Al Qouriyah incident documented through the API and read back, as each role may see it. */
@QuarkusTest
class AlQouriyahDocumentationTest {

    @BeforeEach
    void isisControlledAlMayadinSinceJuly2014() {
        AlQouriyah.isisControlsTheDistrict();
    }

    @Test
    void everyFactOfTheReportIsStoredInStructuredFieldsAndReadBack() {
        String marker = AlQouriyah.marker();
        var created = AlQouriyah.create("analyst", AlQouriyah.firstStrike(marker));
        created.then().statusCode(201).header("ETag", "\"1\"");
        UUID id = AlQouriyah.createdId(created);

        JsonPath incident = given().header("Authorization", Tokens.bearer("analyst"))
                .when().get("/api/v1/incidents/" + id)
                .then().statusCode(200).header("ETag", "\"1\"").extract().jsonPath();

        assertThat(incident.getString("reference")).matches("INC-2016-\\d{6}");
        assertThat(incident.getString("status")).isEqualTo("draft");
        assertThat(incident.getString("title.en")).contains("Al Qouriyah").contains(marker);
        assertThat(incident.getString("title.ar")).contains("القورية");
        assertThat(incident.getList("types")).containsExactly("airstrike", "massacre");
        assertThat(incident.getString("start.at")).isEqualTo("2016-06-25T09:00:00Z");
        assertThat(incident.getString("start.precision")).isEqualTo("approximate-time");
        assertThat(incident.getString("timeZone")).isEqualTo("Asia/Damascus");
        assertThat(incident.getMap("location.placeName")).containsEntry("en", "Al Qouriyah").containsEntry("ar", "القورية");
        assertThat(incident.getList("location.aliases")).contains("Al Qouriya");
        assertThat(incident.getString("location.neighbourhood.en")).isEqualTo("Al Ta'es");
        assertThat(incident.getList("location.adminAreas.pcode")).containsExactly("SY09", "SY0903");
        assertThat(incident.getDouble("location.latitude")).isEqualTo(34.9686);
        assertThat(incident.getDouble("location.longitude")).isEqualTo(40.5135);
        // Not given by the analyst: taken from the area-control timeline for 25 June 2016.
        assertThat(incident.getString("location.controllingParty")).isEqualTo("isis");
        assertThat(incident.getString("perpetrators[0].party")).isEqualTo("russian-forces");
        assertThat(incident.getString("perpetrators[0].involvement")).isEqualTo("alleged");
        assertThat(incident.getString("perpetrators[0].confidence")).isEqualTo("fair");
        assertThat(incident.getList("perpetrators[0].claimIds")).containsExactly("claim-warplanes");
        assertThat(incident.getInt("means.strikes")).isEqualTo(2);
        assertThat(incident.getInt("means.munitions.min")).isEqualTo(4);
        assertThat(incident.getList("means.weapons")).containsExactly("air-launched-missile");
        assertThat(incident.getList("patternFlags")).contains("indiscriminate", "civilian-objects-hit", "first-responders-hit");
        assertThat(incident.getString("militaryObjective.finding")).isEqualTo("none-found");
        assertThat(incident.getInt("damage.housesDestroyed.min")).isEqualTo(15);
        assertThat(incident.getDouble("damage.areaSquareMetres")).isEqualTo(300.0);
        assertThat(incident.getList("sources.id")).containsExactly("src-abu-ahmad", "src-residents");
        assertThat(incident.getString("sources[0].knowledge")).isEqualTo("direct");
        assertThat(incident.getString("sources[1].knowledge")).isEqualTo("hearsay");
        assertThat(incident.getList("sources[0].claims.id")).contains("claim-second-strike");
        assertThat(incident.getString("createdBy")).isEqualTo("test-analyst");
    }

    @Test
    void theSecondStrikeIsProposedAsAFollowUpOfTheFirstAndAnalystsConfirmIt() {
        String marker = AlQouriyah.marker();
        UUID first = AlQouriyah.createdId(AlQouriyah.create("analyst", AlQouriyah.firstStrike(marker)));
        UUID second = AlQouriyah.createdId(AlQouriyah.create("analyst", AlQouriyah.secondStrike(marker)));

        List<Map<String, Object>> links = given().header("Authorization", Tokens.bearer("analyst"))
                .when().get("/api/v1/incidents/" + second + "/links")
                .then().statusCode(200).extract().jsonPath().getList("items");
        Map<String, Object> proposal = links.stream()
                .filter(l -> first.toString().equals(l.get("fromIncident")) && second.toString().equals(l.get("toIncident")))
                .findFirst().orElseThrow(() -> new AssertionError("no proposal first → second in " + links));
        assertThat(proposal).containsEntry("type", "follow-up-strike").containsEntry("status", "proposed")
                .containsEntry("intervalMinutes", 10);

        given().header("Authorization", Tokens.bearer("analyst")).contentType(ContentType.JSON)
                .body("{\"status\": \"confirmed\", \"firstRespondersHarmed\": true, \"note\": \"Double-tap: paramedics hit\"}")
                .when().patch("/api/v1/incidents/" + second + "/links/" + proposal.get("id"))
                .then().statusCode(200)
                .body("status", equalTo("confirmed"))
                .body("firstRespondersHarmed", equalTo(true));
    }

    @Test
    void witnessIdentityIsProtectedAndPartnersSeeOnlyTestimoniesSharedWithThem() {
        UUID id = AlQouriyah.createdId(AlQouriyah.create("analyst", AlQouriyah.firstStrike(AlQouriyah.marker())));
        String shared = addTestimony(id, true);
        String confidential = addTestimony(id, false);

        given().header("Authorization", Tokens.bearer("analyst"))
                .when().get("/api/v1/incidents/" + id + "/testimonies/" + shared)
                .then().statusCode(200)
                .body("witnessPseudonym", equalTo("Abu Ahmad"))
                .body("contactChannel", equalTo("facebook"))
                .body("identity.fullName", equalTo("Synthetic Name Al-Example"))
                .body("identity.contact", notNullValue());

        // Unpublished: partners cannot reach the incident or its testimonies at all.
        given().header("Authorization", Tokens.bearer("partner"))
                .when().get("/api/v1/incidents/" + id + "/testimonies")
                .then().statusCode(404);

        AlQouriyah.publish(id);
        String body = given().header("Authorization", Tokens.bearer("partner"))
                .when().get("/api/v1/incidents/" + id + "/testimonies")
                .then().statusCode(200)
                .body("items.id", contains(shared))
                .body("items[0]", not(hasKey("identity")))
                .extract().asString();
        assertThat(body).doesNotContain("Synthetic Name").doesNotContain("synthetic.example");
        given().header("Authorization", Tokens.bearer("partner"))
                .when().get("/api/v1/incidents/" + id + "/testimonies/" + confidential)
                .then().statusCode(404);
        // Ingestion scripts may record testimonies but never read protected fields back.
        given().header("Authorization", Tokens.bearer("ingest")).contentType(ContentType.JSON)
                .body(AlQouriyah.testimony(false))
                .when().post("/api/v1/incidents/" + id + "/testimonies")
                .then().statusCode(201).body("identity", nullValue());
    }

    @Test
    void legalQualificationCitesTheEvidenceForEachElementAndAReportBundlesIt() {
        UUID id = AlQouriyah.createdId(AlQouriyah.create("analyst", AlQouriyah.firstStrike(AlQouriyah.marker())));
        String testimony = addTestimony(id, true);

        String warCrime = given().header("Authorization", Tokens.bearer("analyst")).contentType(ContentType.JSON)
                .body("""
                        {"instrument": "rome-statute-art-8", "provision": "8(2)(c)(i)",
                         "conflictClassification": "non-international",
                         "elements": [
                           {"element": "The perpetrator killed one or more persons", "established": true,
                            "evidence": [{"kind": "testimony", "id": "%s"}, {"kind": "claim", "claimId": "claim-four-missiles"}]},
                           {"element": "The persons were civilians taking no active part in hostilities", "established": true,
                            "evidence": [{"kind": "claim", "claimId": "claim-no-isis"}]}
                         ],
                         "standardOfProof": "reasonable-grounds",
                         "conclusion": {"en": "Wilful killing of civilians in a non-international armed conflict: a war crime."},
                         "reviewer": "Legal unit"}
                        """.formatted(testimony))
                .when().post("/api/v1/incidents/" + id + "/legal-qualifications")
                .then().statusCode(201)
                .body("instrument", equalTo("rome-statute-art-8"))
                .body("elements[0].evidence.kind", contains("testimony", "claim"))
                .extract().path("id");
        for (String resolution : List.of("unsc-res-2139", "unsc-res-2254")) {
            given().header("Authorization", Tokens.bearer("analyst")).contentType(ContentType.JSON)
                    .body("""
                            {"instrument": "%s", "conflictClassification": "non-international",
                             "elements": [{"element": "Indiscriminate attack on a populated area", "established": true,
                                           "evidence": [{"kind": "claim", "claimId": "claim-no-isis"}]}],
                             "standardOfProof": "reasonable-grounds",
                             "conclusion": {"en": "Violates the resolution's demand to halt indiscriminate attacks"}}
                            """.formatted(resolution))
                    .when().post("/api/v1/incidents/" + id + "/legal-qualifications")
                    .then().statusCode(201);
        }
        given().header("Authorization", Tokens.bearer("analyst"))
                .when().get("/api/v1/incidents/" + id + "/legal-qualifications")
                .then().statusCode(200)
                .body("items.instrument", Matchers.containsInAnyOrder("rome-statute-art-8", "unsc-res-2139", "unsc-res-2254"));

        String report = given().header("Authorization", Tokens.bearer("analyst")).contentType(ContentType.JSON)
                .body("""
                        {"title": {"en": "Russian Forces are Killing Civilians in ISIS-held Areas: the Massacre of Al Qouriyah"},
                         "incidentIds": ["%s"],
                         "conclusions": [{"text": {"en": "Violations of resolutions 2139 and 2254 and of article 8 of the Rome Statute"},
                                          "qualificationIds": ["%s"]}],
                         "recommendations": [
                           {"addressee": "un-security-council", "text": {"en": "Refer the Syrian case to the International Criminal Court"}},
                           {"addressee": "ohchr", "text": {"en": "Report on this massacre to the Human Rights Council"}}]}
                        """.formatted(id, warCrime))
                .when().post("/api/v1/reports")
                .then().statusCode(201).body("reference", Matchers.startsWith("REP-")).extract().path("id");

        given().header("Authorization", Tokens.bearer("reviewer"))
                .when().post("/api/v1/reports/" + report + "/publish")
                .then().statusCode(409); // its incident is not published yet
        AlQouriyah.publish(id);
        given().header("Authorization", Tokens.bearer("reviewer"))
                .when().post("/api/v1/reports/" + report + "/publish")
                .then().statusCode(200).body("status", equalTo("published"));
        given().header("Authorization", Tokens.bearer("partner"))
                .when().get("/api/v1/reports/" + report)
                .then().statusCode(200).body("recommendations.addressee", hasItem("un-security-council"));
        // The reports citing the incident, as its dossier lists them; none cite an incident of another test.
        given().header("Authorization", Tokens.bearer("partner")).queryParam("incidentId", id.toString())
                .when().get("/api/v1/reports")
                .then().statusCode(200).body("items.id", equalTo(List.of(report))).body("next", equalTo(null));
        given().header("Authorization", Tokens.bearer("partner")).queryParam("incidentId", UUID.randomUUID().toString())
                .when().get("/api/v1/reports")
                .then().statusCode(200).body("items", Matchers.empty());
    }

    @Test
    void searchFindsTheIncidentByAnySpellingAndScript() {
        String marker = AlQouriyah.marker();
        UUID id = AlQouriyah.createdId(AlQouriyah.create("analyst", AlQouriyah.firstStrike(marker)));
        AlQouriyah.publish(id);

        for (String query : List.of("Al Qouriya", "القورية", "qouriyah", "القوريه", "AL-QOURIYAH")) {
            List<String> found = given().header("Authorization", Tokens.bearer("partner"))
                    .queryParam("q", query).queryParam("limit", 200)
                    .when().get("/api/v1/incidents")
                    .then().statusCode(200).extract().jsonPath().getList("items.id");
            assertThat(found).as("q=" + query).contains(id.toString());
        }
        List<String> byPlace = given().header("Authorization", Tokens.bearer("partner"))
                .queryParam("place", "القورية").queryParam("adminCode", "SY0903").queryParam("perpetrator", "russian-forces")
                .queryParam("attribution", "fair").queryParam("type", "airstrike").queryParam("patternFlag", "indiscriminate")
                .queryParam("from", "2016-06-25T00:00:00Z").queryParam("to", "2016-06-26T00:00:00Z")
                .queryParam("bbox", "40.0,34.5,41.0,35.5").queryParam("limit", 200)
                .when().get("/api/v1/incidents")
                .then().statusCode(200).extract().jsonPath().getList("items.id");
        assertThat(byPlace).contains(id.toString());
        List<String> elsewhere = given().header("Authorization", Tokens.bearer("partner"))
                .queryParam("q", marker).queryParam("bbox", "35.0,33.0,36.0,34.0")
                .when().get("/api/v1/incidents")
                .then().statusCode(200).extract().jsonPath().getList("items.id");
        assertThat(elsewhere).doesNotContain(id.toString());
        List<String> other = given().header("Authorization", Tokens.bearer("partner"))
                .queryParam("q", "Aleppo")
                .when().get("/api/v1/incidents")
                .then().statusCode(200).extract().jsonPath().getList("items.id");
        assertThat(other).doesNotContain(id.toString());
    }

    @Test
    void cursorPaginationWalksEveryMatchExactlyOnce() {
        String marker = AlQouriyah.marker();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(AlQouriyah.createdId(AlQouriyah.create("analyst", AlQouriyah.firstStrike(marker))).toString());
        }
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var request = given().header("Authorization", Tokens.bearer("analyst"))
                    .queryParam("q", marker).queryParam("limit", 2).queryParam("sort", "-updated");
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath page = request.when().get("/api/v1/incidents").then().statusCode(200).extract().jsonPath();
            seen.addAll(page.getList("items.id"));
            cursor = page.getString("next");
            pages++;
        } while (cursor != null && pages < 10);
        Collections.reverse(ids);
        assertThat(seen).containsExactlyElementsOf(ids);
        assertThat(pages).isEqualTo(3);
    }

    private static String addTestimony(UUID incident, boolean shareWithPartners) {
        return given().header("Authorization", Tokens.bearer("analyst")).contentType(ContentType.JSON)
                .body(AlQouriyah.testimony(shareWithPartners))
                .when().post("/api/v1/incidents/" + incident + "/testimonies")
                .then().statusCode(201).extract().path("id");
    }
}
