package org.shahed.casualty;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.shahed.testing.Tokens;
import org.shahed.testing.TopicWriter;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * Who reads which casualty records: partners those of published incidents only, through an allow-list of fields;
 * ingestion scripts also their own organisation's records and imports. Each test is a finding of issue 15, with
 * the request that showed it.
 */
@QuarkusTest
class CasualtyDisclosureTest {
    private static final String MOTHERS_NUMBER = "mother Fatima at +963-944-000000";

    static String victim(UUID incident, String externalId, boolean nameConsent) {
        return """
                {"incidentId": "%s", "names": {"fullNameLatin": "Draft Victim %s"}, "sex": "female",
                 "age": {"years": 9}, "outcome": "killed", "status": "civilian",
                 "date": {"on": "2016-06-25", "precision": "day"}, "place": {"adminPcodes": ["SY09", "SY0903"]},
                 "residence": {"name": {"en": "Street 5, near the house of the Khalaf family"}},
                 "documentationLevel": "corroborated",
                 "sources": [{"type": "family-member", "reference": "interview with her uncle Khalil", "independent": true}],
                 "consent": {"publishName": %s, "notes": "%s"},
                 "sourceSystem": "disclosure-test", "externalId": "%s"}
                """.formatted(incident, UUID.randomUUID().toString().substring(0, 8), nameConsent, MOTHERS_NUMBER, externalId);
    }

    private static String create(String authorization, String body) {
        return given().header("Authorization", authorization).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/casualties").then().statusCode(201).extract().path("id");
    }

    /** The partner changes feed's cursor at its end, to read only what changes after it. */
    private static String endOfPartnerFeed() {
        String since = null;
        while (true) {
            var request = given().header("Authorization", Tokens.bearer("partner")).queryParam("limit", 500);
            if (since != null) {
                request.queryParam("since", since);
            }
            JsonPath page = request.when().get("/api/v1/casualties/changes").then().statusCode(200).extract().jsonPath();
            since = page.getString("next");
            if (page.getList("items").isEmpty()) {
                return since;
            }
        }
    }

    @Test
    void partnersReadNothingOfADraftIncidentUntilItIsPublishedAndNothingAgainOnceItIsRetracted() {
        UUID incident = UUID.randomUUID();
        PublishedIncidents.change(incident, 1, "draft");
        String since = endOfPartnerFeed();
        String id = create(Tokens.bearer("analyst"), victim(incident, UUID.randomUUID().toString(), true));
        String partner = Tokens.bearer("partner");

        // The draft's records: not listed, not readable, not counted, not exported, not in the feed.
        given().header("Authorization", partner).queryParam("incidentId", incident).when().get("/api/v1/casualties")
                .then().statusCode(200).body("items", Matchers.empty());
        given().header("Authorization", partner).when().get("/api/v1/casualties/" + id).then().statusCode(404);
        given().header("Authorization", partner).when().get("/api/v1/casualty-counts/" + incident).then().statusCode(404);
        for (String export : new String[] { "export.csv", "export.ndjson" }) {
            assertThat(given().header("Authorization", partner).queryParam("incidentId", incident)
                    .when().get("/api/v1/casualties/" + export).then().statusCode(200).extract().asString())
                    .as(export).doesNotContain(id).doesNotContain("Draft Victim");
        }
        assertThat(given().header("Authorization", partner).queryParam("since", since)
                .when().get("/api/v1/casualties/changes").then().statusCode(200).extract().asString()).doesNotContain(id);
        // Staff see it, with its incident's status.
        given().header("Authorization", Tokens.bearer("analyst")).when().get("/api/v1/casualties/" + id)
                .then().statusCode(200).body("incidentStatus", equalTo("draft"));

        // Published: partners read it, and their feed carries it.
        PublishedIncidents.change(incident, 2, "published");
        given().header("Authorization", partner).when().get("/api/v1/casualties/" + id).then().statusCode(200)
                .body("incidentStatus", equalTo("published"));
        given().header("Authorization", partner).when().get("/api/v1/casualty-counts/" + incident).then().statusCode(200)
                .body("named.killed.min", equalTo(1));
        JsonPath published = given().header("Authorization", partner).queryParam("since", since)
                .when().get("/api/v1/casualties/changes").then().statusCode(200).extract().jsonPath();
        assertThat(published.getBoolean("items.find { it.id == '" + id + "' }.tombstone")).isFalse();
        String afterPublication = published.getString("next");

        // Retracted: hidden again, and the feed tells partners to forget it.
        PublishedIncidents.change(incident, 3, "retracted");
        given().header("Authorization", partner).when().get("/api/v1/casualties/" + id).then().statusCode(404);
        JsonPath retracted = given().header("Authorization", partner).queryParam("since", afterPublication)
                .when().get("/api/v1/casualties/changes").then().statusCode(200).extract().jsonPath();
        assertThat(retracted.getBoolean("items.find { it.id == '" + id + "' }.tombstone")).isTrue();
        assertThat(retracted.getString("items.find { it.id == '" + id + "' }.change")).isEqualTo("withdrawn");
        assertThat(retracted.getString("items.find { it.id == '" + id + "' }.record")).isNull();
    }

    @Test
    void correctingARecordWhileItsIncidentIsPublishedAndWithdrawnNeverFails() throws Exception {
        UUID incident = PublishedIncidents.published();
        String body = victim(incident, UUID.randomUUID().toString(), true);
        String id = create(Tokens.bearer("analyst"), body);
        // The incident's publication flips while analysts correct the record: both renumber it in the changes feed.
        Thread flips = new Thread(() -> {
            try (TopicWriter topic = new TopicWriter()) {
                for (int version = 2; version < 40; version++) {
                    String status = version % 2 == 0 ? "draft" : "published";
                    topic.send("shahed.incidents", UUID.randomUUID().toString(), "/shahed/incident-service",
                            "org.shahed.incident." + (status.equals("draft") ? "returned-to-draft" : status), incident.toString(),
                            IncidentProjectionTest.incidentEvent(incident, version, status, "russian-forces"));
                }
            }
        });
        flips.start();
        List<Integer> statuses = new ArrayList<>();
        for (int edit = 0; edit < 30; edit++) {
            String etag = given().header("Authorization", Tokens.bearer("analyst")).when().get("/api/v1/casualties/" + id)
                    .header("ETag");
            statuses.add(given().header("Authorization", Tokens.bearer("analyst")).header("If-Match", etag)
                    .contentType(ContentType.JSON).body(body.replace("\"years\": 9", "\"years\": " + (edit % 17)))
                    .when().put("/api/v1/casualties/" + id).then().extract().statusCode());
        }
        flips.join();
        assertThat(statuses).doesNotContain(500);
    }

    @Test
    void aRecordOfNoIncidentIsNotPublishedWhetherWrittenAloneOrImported() {
        String alone = create(Tokens.bearer("analyst"), victim(null, UUID.randomUUID().toString(), true)
                .replace("\"incidentId\": \"null\"", "\"incidentId\": null"));
        given().header("Authorization", Tokens.bearer("partner")).when().get("/api/v1/casualties/" + alone).then().statusCode(404);
        given().header("Authorization", Tokens.bearer("analyst")).when().get("/api/v1/casualties/" + alone).then().statusCode(200);
        JsonPath job = BulkImportTest.importAndWait("sex,outcome,status,documentation_level,full_name_latin\n"
                + "female,killed,civilian,reported,No Incident " + UUID.randomUUID() + "\n", "text/csv", UUID.randomUUID().toString());
        assertThat(job.getString("status")).isEqualTo("completed");
        assertThat(job.getInt("rowsAccepted")).isEqualTo(1);
    }

    @Test
    void aPartnerReadsAnAllowListOfFieldsNeverFreeTextAboutRelativesOrSources() {
        UUID incident = PublishedIncidents.published();
        String external = "AQ-" + UUID.randomUUID();
        String id = create(Tokens.bearer("analyst"), victim(incident, external, true));
        for (String path : new String[] { "/api/v1/casualties/" + id, "/api/v1/casualties?incidentId=" + incident,
                "/api/v1/casualties/export.ndjson?incidentId=" + incident, "/api/v1/casualties/export.csv?incidentId=" + incident }) {
            String body = given().header("Authorization", Tokens.bearer("partner")).when().get(path)
                    .then().statusCode(200).extract().asString();
            assertThat(body).as(path).contains(id).doesNotContain("Fatima").doesNotContain("+963").doesNotContain("uncle")
                    .doesNotContain("Street 5").doesNotContain(external);
        }
        given().header("Authorization", Tokens.bearer("partner")).when().get("/api/v1/casualties/" + id).then()
                .body("names.fullNameLatin", Matchers.startsWith("Draft Victim"))
                .body("consent.publishName", equalTo(true)).body("sources[0].type", equalTo("family-member"));
        given().header("Authorization", Tokens.bearer("analyst")).when().get("/api/v1/casualties/" + id).then()
                .body("consent.notes", equalTo(MOTHERS_NUMBER)).body("externalId", equalTo(external));
    }

    @Test
    void anIngestionScriptReadsItsOwnOrganisationsDraftsAndImportsAndNoOneElses() {
        UUID draft = UUID.randomUUID();
        String snhr = Tokens.bearerOf("SNHR", "ingest");
        String other = Tokens.bearerOf("Another Org", "ingest");
        String external = "own-" + UUID.randomUUID();
        String id = create(snhr, victim(draft, external, false));
        // Its own record, without protected fields but with its own source id; another organisation sees nothing.
        given().header("Authorization", snhr).when().get("/api/v1/casualties/" + id).then().statusCode(200)
                .body("externalId", equalTo(external)).body("names", Matchers.nullValue())
                .body("consent.notes", Matchers.nullValue());
        given().header("Authorization", other).when().get("/api/v1/casualties/" + id).then().statusCode(404);
        // Nor can another organisation overwrite it by naming its source ids.
        given().header("Authorization", other).contentType(ContentType.JSON)
                .body(victim(draft, external, true).replace("\"outcome\": \"killed\"", "\"outcome\": \"missing\""))
                .when().post("/api/v1/casualties").then().statusCode(409);
        given().header("Authorization", snhr).when().get("/api/v1/casualties/" + id).then().body("outcome", equalTo("killed"));
        assertThat(given().header("Authorization", other).queryParam("incidentId", draft).when().get("/api/v1/casualties")
                .then().statusCode(200).extract().jsonPath().getList("items")).isEmpty();

        // Imports: the same Idempotency-Key from two organisations is two jobs; each reads only its own and its errors.
        String key = "nightly-" + UUID.randomUUID();
        String csv = "sex,outcome,status,documentation_level,full_name_latin\nfemale,killed,civilian,reported,Row One\n"
                + "dragon,killed,civilian,reported,Secret Name In A Bad Row\n";
        String mine = given().header("Authorization", snhr).header("Idempotency-Key", key).contentType("text/csv").body(csv)
                .when().post("/api/v1/casualty-imports").then().statusCode(202).extract().path("id");
        String theirs = given().header("Authorization", other).header("Idempotency-Key", key).contentType("text/csv").body(csv)
                .when().post("/api/v1/casualty-imports").then().statusCode(202).extract().path("id");
        assertThat(theirs).isNotEqualTo(mine);
        given().header("Authorization", snhr).when().get("/api/v1/casualty-imports/" + mine).then().statusCode(200);
        given().header("Authorization", other).when().get("/api/v1/casualty-imports/" + mine).then().statusCode(404);
        given().header("Authorization", other).when().get("/api/v1/casualty-imports/" + mine + "/errors").then().statusCode(404);
        given().header("Authorization", Tokens.bearer("analyst")).when().get("/api/v1/casualty-imports/" + mine)
                .then().statusCode(200);
    }

    @Test
    void controlCharactersInParametersAreRefusedNamingTheParameterAndSearchTermsAreCapped() {
        for (String[] request : new String[][] { { "/api/v1/casualties", "name" },
                { "/api/v1/casualties/export.ndjson", "name" }, { "/api/v1/casualty-aggregates", "sex" } }) {
            given().header("Authorization", Tokens.bearer("partner")).urlEncodingEnabled(false)
                    .when().get(request[0] + "?" + request[1] + "=ab%00cd")
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("violations[0].field", equalTo(request[1]));
        }
        given().header("Authorization", Tokens.bearer("analyst")).queryParam("name", "x".repeat(201))
                .when().get("/api/v1/casualties").then().statusCode(400).body("violations[0].field", equalTo("name"));
    }

    @Test
    void aNameThatWouldRunAsASpreadsheetFormulaIsExportedInert() throws Exception {
        UUID incident = PublishedIncidents.published();
        String formula = "=HYPERLINK(\\\"http://attacker.example\\\",\\\"Click\\\")";
        String body = victim(incident, UUID.randomUUID().toString(), true)
                .replaceFirst("Draft Victim [^\"]*", Matcher.quoteReplacement(formula));
        String id = create(Tokens.bearer("analyst"), body);
        String csv = given().header("Authorization", Tokens.bearer("partner")).queryParam("incidentId", incident)
                .when().get("/api/v1/casualties/export.csv").then().statusCode(200).extract().asString();
        List<CSVRecord> rows = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(csv)).getRecords();
        CSVRecord row = rows.stream().filter(r -> r.get("id").equals(id)).findFirst().orElseThrow();
        assertThat(row.get("full_name_latin")).isEqualTo("'=HYPERLINK(\"http://attacker.example\",\"Click\")");
    }

    @Test
    void aJsonBodyAboveTheLimitIsRefusedWhetherOrNotItsLengthIsDeclared() {
        byte[] padding = new byte[11 * 1024 * 1024];
        Arrays.fill(padding, (byte) ' ');
        byte[] start = "{\"sex\": \"female\", ".getBytes();
        byte[] declared = new byte[start.length + padding.length];
        System.arraycopy(start, 0, declared, 0, start.length);
        System.arraycopy(padding, 0, declared, start.length, padding.length);
        given().header("Authorization", Tokens.bearer("analyst")).contentType(ContentType.JSON).body(declared)
                .when().post("/api/v1/casualties").then().statusCode(413).contentType("application/problem+json");
        // Chunked: no length to check first; the body is counted as it streams.
        InputStream chunked = new SequenceInputStream(Collections.enumeration(List.of(new ByteArrayInputStream(start),
                new ByteArrayInputStream(padding))));
        given().header("Authorization", Tokens.bearer("analyst")).contentType(ContentType.JSON).body(chunked)
                .when().post("/api/v1/casualties").then().statusCode(413).contentType("application/problem+json");
    }
}
