package org.shahed.casualty;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.io.StringReader;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.shahed.casualty.record.CasualtySearch;
import org.shahed.casualty.record.CasualtyFilter;
import org.shahed.platform.security.Audience;
import org.shahed.testing.Tokens;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** Duplicates across spellings and scripts, merge and un-merge, name search, the changes feed and exports. */
@QuarkusTest
class DedupeSearchSyncTest {
    @Inject
    CasualtySearch search;

    static String person(UUID incident, String latin, String arabic, String father, String sex, int age, String source,
            boolean consent) {
        return """
                {"incidentId": "%s",
                 "names": {%s %s "fatherName": "%s"},
                 "sex": "%s", "age": {"years": %d}, "outcome": "killed", "status": "civilian",
                 "date": {"on": "2016-06-25", "precision": "day"}, "cause": "airstrike",
                 "place": {"adminPcodes": ["SY09", "SY0903"]},
                 "documentationLevel": "reported",
                 "sources": [{"type": "%s", "reference": "%s-%s", "independent": true}],
                 "consent": {"publishName": %s}}
                """.formatted(incident,
                latin == null ? "" : "\"fullNameLatin\": \"" + latin + "\",",
                arabic == null ? "" : "\"fullNameAr\": \"" + arabic + "\",",
                father, sex, age, source, source, UUID.randomUUID(), consent);
    }

    static String create(String body) {
        return given().header("Authorization", Tokens.bearer("analyst")).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/casualties").then().statusCode(201).extract().path("id");
    }

    @Test
    void transliterationVariantsAreCandidatesAndDifferentPeopleAreNot() {
        UUID incident = UUID.randomUUID();
        String a = create(person(incident, "Ahmad Khalaf al-Hassan", "أحمد خلف الحسن", "Khalaf", "male", 30, "family-member", false));
        String b = create(person(incident, "Ahmed Kalaf El-Hasan", null, "Kalaf", "male", 31, "hospital-record", false));
        String c = create(person(incident, null, "احمد خلف الحسن", "خلف", "male", 30, "local-media-activist", false));
        String sister = create(person(incident, "Fatima Khalaf al-Hassan", "فاطمة خلف الحسن", "Khalaf", "female", 8, "family-member", false));
        String other = create(person(incident, "Omar Yusuf", "عمر يوسف", "Yusuf", "male", 30, "family-member", false));

        List<String> candidates = given().header("Authorization", Tokens.bearer("analyst"))
                .when().get("/api/v1/casualties/" + a + "/duplicate-candidates")
                .then().statusCode(200).extract().jsonPath().getList("items.candidateId");
        assertThat(candidates).contains(b, c).doesNotContain(sister, other);

        JsonPath pairs = given().header("Authorization", Tokens.bearer("analyst")).queryParam("incidentId", incident)
                .when().get("/api/v1/casualties/duplicate-candidates")
                .then().statusCode(200).extract().jsonPath();
        List<Map<String, Object>> found = pairs.getList("items");
        assertThat(found).anySatisfy(pair -> assertThat(List.of(pair.get("recordId"), pair.get("candidateId")))
                .containsExactlyInAnyOrder(a, b));
        assertThat(found).noneSatisfy(pair -> assertThat(List.of(pair.get("recordId"), pair.get("candidateId")))
                .contains(other));
        given().header("Authorization", Tokens.bearer("partner"))
                .when().get("/api/v1/casualties/" + a + "/duplicate-candidates").then().statusCode(403);
    }

    @Test
    void oneVictimListedInArabicOnlyAndInLatinOnlyIsProposedAndHisBrotherIsNot() {
        UUID incident = UUID.randomUUID();
        String arabic = create(person(incident, null, "خليل يوسف الحسين", "يوسف", "male", 40, "family-member", false));
        String latin = create(person(incident, "Khaleel Yousef Alhussein", null, "Yousef", "male", 41, "hospital-record", false));
        String unspaced = create(person(incident, null, "خليليوسفالحسين", "يوسف", "male", 40, "local-media-activist", false));
        String brother = create(person(incident, "Mahmoud Yousef Alhussein", "محمود يوسف الحسين", "Yousef", "male", 35, "family-member", false));

        JsonPath found = given().header("Authorization", Tokens.bearer("analyst"))
                .when().get("/api/v1/casualties/" + arabic + "/duplicate-candidates")
                .then().statusCode(200).extract().jsonPath();

        assertThat(found.getList("items.candidateId", String.class)).contains(latin, unspaced).doesNotContain(brother);
        assertThat(found.getList("items.find { it.candidateId == '" + latin + "' }.reasons", String.class))
                .contains("given name", "father's name", "family name", "same incident");
    }

    @Test
    void aPairDecidedDifferentIsNotProposedAgainAndEveryDecisionIsKept() {
        UUID incident = UUID.randomUUID();
        String father = create(person(incident, "Yousef Khalil al-Omar", "يوسف خليل العمر", "Khalil", "male", 60, "family-member", false));
        String namesake = create(person(incident, "Yusuf Khaleel Alomar", null, "Khaleel", "male", 60, "hospital-record", false));
        assertThat(candidateIds(father)).contains(namesake);

        given().header("Authorization", Tokens.bearer("analyst")).contentType(ContentType.JSON)
                .body("{\"decision\": \"different\"}")
                .when().put("/api/v1/casualties/" + father + "/duplicate-candidates/" + namesake + "/decision")
                .then().statusCode(403);
        decide(father, namesake, "different", "two men of that name in the village, says the family");
        assertThat(candidateIds(father)).doesNotContain(namesake);
        assertThat(candidateIds(namesake)).doesNotContain(father);
        given().header("Authorization", Tokens.bearer("analyst")).queryParam("incidentId", incident)
                .when().get("/api/v1/casualties/duplicate-candidates")
                .then().statusCode(200).body("items", Matchers.empty());

        decide(namesake, father, "same", "the hospital list had the age wrong... no, the same man after all");
        JsonPath found = given().header("Authorization", Tokens.bearer("analyst"))
                .when().get("/api/v1/casualties/" + father + "/duplicate-candidates").then().statusCode(200).extract().jsonPath();
        assertThat(found.getString("items.find { it.candidateId == '" + namesake + "' }.decision")).isEqualTo("same");
        given().header("Authorization", Tokens.bearer("analyst")).queryParam("incidentId", incident).queryParam("undecided", true)
                .when().get("/api/v1/casualties/duplicate-candidates")
                .then().statusCode(200).body("items", Matchers.empty());
        given().header("Authorization", Tokens.bearer("analyst"))
                .when().get("/api/v1/casualties/" + namesake + "/duplicate-candidates/" + father + "/decisions")
                .then().statusCode(200).body("items.decision", Matchers.contains("different", "same"))
                .body("items[0].decidedBy", Matchers.notNullValue())
                .body("items[0].note", equalTo("two men of that name in the village, says the family"));
        given().header("Authorization", Tokens.bearer("analyst"))
                .when().get("/api/v1/casualties/" + namesake + "/duplicate-candidates/" + UUID.randomUUID() + "/decisions")
                .then().statusCode(404);
        given().header("Authorization", Tokens.bearer("reviewer")).contentType(ContentType.JSON)
                .body("{\"decision\": \"same\"}")
                .when().put("/api/v1/casualties/" + father + "/duplicate-candidates/" + father + "/decision")
                .then().statusCode(400);
        given().header("Authorization", Tokens.bearer("reviewer")).contentType(ContentType.JSON)
                .body("{\"decision\": \"maybe\"}")
                .when().put("/api/v1/casualties/" + father + "/duplicate-candidates/" + namesake + "/decision")
                .then().statusCode(400).body("violations[0].field", Matchers.containsString("decision"));
    }

    @Test
    void recordsLinkedThroughAnotherAreOneGroupAndAPairDecidedDifferentInItIsAConflict() {
        UUID incident = UUID.randomUUID();
        String adult = create(person(incident, "Ghassan Mazen al-Attar", "غسان مازن العطار", "Mazen", "male", 30, "family-member", false));
        String ageless = create(person(incident, null, "غسانمازنالعطار", "مازن", "male", 30, "hospital-record", false)
                .replace("\"age\": {\"years\": 30},", ""));
        String older = create(person(incident, "Gassan Mazin Alattar", null, "Mazin", "male", 33, "local-media-activist", false));
        String stranger = create(person(incident, "Hala Mazen al-Attar", "حلا مازن العطار", "Mazen", "female", 8, "family-member", false));
        decide(adult, older, "different", "the family lost two cousins of that name");

        JsonPath clusters = given().header("Authorization", Tokens.bearer("analyst")).queryParam("incidentId", incident)
                .when().get("/api/v1/casualties/duplicate-clusters").then().statusCode(200).extract().jsonPath();

        assertThat(clusters.getList("items")).hasSize(1);
        assertThat(clusters.getList("items[0].recordIds", String.class)).containsExactlyInAnyOrder(adult, ageless, older)
                .doesNotContain(stranger);
        assertThat(clusters.getList("items[0].conflicts")).hasSize(1);
        assertThat(List.of(clusters.getString("items[0].conflicts[0].recordId"), clusters.getString("items[0].conflicts[0].otherId")))
                .containsExactlyInAnyOrder(adult, older);
        assertThat(clusters.getString("items[0].conflicts[0].why")).isEqualTo("decided-different");
    }

    @Test
    void aGroupWithoutConflictIsMergedInOneStepAndEachOfItsRecordsCanBeRestored() {
        UUID incident = UUID.randomUUID();
        String field = create(person(incident, "Riad Nabil al-Kurdi", "رياض نبيل الكردي", "Nabil", "male", 44, "family-member", false));
        String hospital = create(person(incident, null, "رياضنبيلالكردي", "نبيل", "male", 44, "hospital-record", false));
        String media = create(person(incident, "Riyad Nabeel Alkurdi", null, "Nabeel", "male", 45, "local-media-activist", false));

        JsonPath clusters = given().header("Authorization", Tokens.bearer("analyst")).queryParam("incidentId", incident)
                .when().get("/api/v1/casualties/duplicate-clusters").then().statusCode(200).extract().jsonPath();
        assertThat(clusters.getList("items[0].recordIds", String.class)).containsExactlyInAnyOrder(field, hospital, media);
        assertThat(clusters.getList("items[0].conflicts")).isEmpty();

        String etag = given().header("Authorization", Tokens.bearer("analyst")).when().get("/api/v1/casualties/" + field)
                .then().statusCode(200).extract().header("ETag");
        given().header("Authorization", Tokens.bearer("reviewer")).header("If-Match", etag).contentType(ContentType.JSON)
                .body(Map.of("duplicateIds", List.of(hospital, media)))
                .when().post("/api/v1/casualties/" + field + "/merge").then().statusCode(200);
        given().header("Authorization", Tokens.bearer("analyst")).queryParam("incidentId", incident)
                .when().get("/api/v1/casualties/duplicate-clusters").then().statusCode(200).body("items", Matchers.empty());

        for (String merged : List.of(hospital, media)) {
            given().header("Authorization", Tokens.bearer("reviewer"))
                    .when().post("/api/v1/casualties/" + merged + "/unmerge").then().statusCode(200);
        }
        given().header("Authorization", Tokens.bearer("analyst")).queryParam("incidentId", incident)
                .when().get("/api/v1/casualties/duplicate-clusters").then().statusCode(200)
                .body("items[0].recordIds", Matchers.containsInAnyOrder(field, hospital, media));
    }

    private static List<String> candidateIds(String id) {
        return given().header("Authorization", Tokens.bearer("analyst"))
                .when().get("/api/v1/casualties/" + id + "/duplicate-candidates")
                .then().statusCode(200).extract().jsonPath().getList("items.candidateId", String.class);
    }

    private static void decide(String record, String candidate, String decision, String note) {
        given().header("Authorization", Tokens.bearer("reviewer")).contentType(ContentType.JSON)
                .body(Map.of("decision", decision, "note", note))
                .when().put("/api/v1/casualties/" + record + "/duplicate-candidates/" + candidate + "/decision")
                .then().statusCode(200).body("decision", equalTo(decision));
    }

    @Test
    void mergeKeepsEverySourceAndUnmergeRestoresBothRecords() {
        UUID incident = UUID.randomUUID();
        String survivor = create(person(incident, "Ahmad Khalaf al-Hassan", "أحمد خلف الحسن", "Khalaf", "male", 30, "family-member", false));
        String duplicate = create(person(incident, "Ahmed Kalaf El-Hasan", null, "Kalaf", "male", 31, "hospital-record", false));
        assertThat(BulkImportTest.counts(incident).getInt("named.killed.min")).isEqualTo(2);

        given().header("Authorization", Tokens.bearer("analyst")).header("If-Match", "\"1\"").contentType(ContentType.JSON)
                .body("{\"duplicateIds\": [\"" + duplicate + "\"]}")
                .when().post("/api/v1/casualties/" + survivor + "/merge").then().statusCode(403);
        given().header("Authorization", Tokens.bearer("reviewer")).header("If-Match", "\"1\"").contentType(ContentType.JSON)
                .body("{\"duplicateIds\": [\"" + duplicate + "\"]}")
                .when().post("/api/v1/casualties/" + survivor + "/merge")
                .then().statusCode(200)
                .body("sources.type", Matchers.contains("family-member", "hospital-record"));
        given().header("Authorization", Tokens.bearer("analyst")).when().get("/api/v1/casualties/" + duplicate)
                .then().statusCode(200).body("mergedInto", equalTo(survivor));
        assertThat(BulkImportTest.counts(incident).getInt("named.killed.min")).isEqualTo(1);

        given().header("Authorization", Tokens.bearer("reviewer"))
                .when().post("/api/v1/casualties/" + duplicate + "/unmerge")
                .then().statusCode(200).body("mergedInto", Matchers.nullValue());
        given().header("Authorization", Tokens.bearer("analyst")).when().get("/api/v1/casualties/" + survivor)
                .then().statusCode(200).body("sources.type", Matchers.contains("family-member"));
        assertThat(BulkImportTest.counts(incident).getInt("named.killed.min")).isEqualTo(2);
        given().header("Authorization", Tokens.bearer("reviewer"))
                .when().get("/api/v1/casualties/" + duplicate + "/history")
                .then().statusCode(200).body("items.change", Matchers.contains("created", "merged", "unmerged"));
        given().header("Authorization", Tokens.bearer("reviewer"))
                .when().post("/api/v1/casualties/" + duplicate + "/unmerge").then().statusCode(409);
    }

    @Test
    void namesAreFoundInEitherScriptButNeverWithoutConsentByPartners() {
        UUID incident = PublishedIncidents.published();
        String family = "Zaytouni" + UUID.randomUUID().toString().substring(0, 4);
        String hidden = create(person(incident, "Ahmad " + family, "أحمد خلف", "Khalaf", "male", 30, "family-member", false));
        String published = create(person(incident, "Mahmoud " + family, "محمود خلف", "Khalaf", "male", 40, "family-member", true));

        List<String> analyst = given().header("Authorization", Tokens.bearer("analyst")).queryParam("name", family)
                .when().get("/api/v1/casualties").then().statusCode(200).extract().jsonPath().getList("items.id");
        assertThat(analyst).contains(hidden, published);
        List<String> partner = given().header("Authorization", Tokens.bearer("partner")).queryParam("name", family)
                .when().get("/api/v1/casualties").then().statusCode(200).extract().jsonPath().getList("items.id");
        assertThat(partner).contains(published).doesNotContain(hidden);
        List<String> arabic = given().header("Authorization", Tokens.bearer("analyst")).queryParam("name", "محمود")
                .queryParam("incidentId", incident)
                .when().get("/api/v1/casualties").then().statusCode(200).extract().jsonPath().getList("items.id");
        assertThat(arabic).containsExactly(published);
        List<String> adults = given().header("Authorization", Tokens.bearer("partner")).queryParam("incidentId", incident)
                .queryParam("ageGroup", "adult").queryParam("sex", "male").queryParam("adminCode", "SY09")
                .queryParam("from", "2016-06-25").queryParam("to", "2016-06-25")
                .when().get("/api/v1/casualties").then().statusCode(200).extract().jsonPath().getList("items.id");
        assertThat(adults).containsExactlyInAnyOrder(hidden, published);
        given().header("Authorization", Tokens.bearer("partner")).queryParam("sex", "robot")
                .when().get("/api/v1/casualties").then().statusCode(400).body("violations[0].field", equalTo("sex"));
    }

    @Test
    void theChangesFeedCarriesTombstonesForMergedRecords() {
        String since = given().header("Authorization", Tokens.bearer("partner")).queryParam("limit", 500)
                .when().get("/api/v1/casualties/changes").then().statusCode(200).extract().path("next");
        while (true) {
            JsonPath page = given().header("Authorization", Tokens.bearer("partner")).queryParam("since", since)
                    .queryParam("limit", 500).when().get("/api/v1/casualties/changes").then().statusCode(200)
                    .extract().jsonPath();
            since = page.getString("next");
            if (page.getList("items").isEmpty()) {
                break;
            }
        }
        UUID incident = PublishedIncidents.published();
        String survivor = create(person(incident, "Ahmad Khalaf", null, "Khalaf", "male", 30, "family-member", false));
        String duplicate = create(person(incident, "Ahmed Kalaf", null, "Kalaf", "male", 30, "hospital-record", false));
        given().header("Authorization", Tokens.bearer("reviewer")).header("If-Match", "\"1\"").contentType(ContentType.JSON)
                .body("{\"duplicateIds\": [\"" + duplicate + "\"]}")
                .when().post("/api/v1/casualties/" + survivor + "/merge").then().statusCode(200);

        JsonPath changes = given().header("Authorization", Tokens.bearer("partner")).queryParam("since", since)
                .when().get("/api/v1/casualties/changes").then().statusCode(200).extract().jsonPath();
        assertThat(changes.getString("items.find { it.id == '" + duplicate + "' }.change")).isEqualTo("merged");
        assertThat(changes.getBoolean("items.find { it.id == '" + duplicate + "' }.tombstone")).isTrue();
        assertThat(changes.getString("items.find { it.id == '" + duplicate + "' }.survivorId")).isEqualTo(survivor);
        assertThat(changes.getString("items.find { it.id == '" + survivor + "' }.record.names")).isNull();
    }

    @Test
    void anExportReadsOneSnapshotWhileRecordsChange() {
        UUID incident = UUID.randomUUID();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(create(person(incident, "Snapshot Person " + i, null, "Khalaf", "male", 30 + i, "family-member", true)));
        }
        CasualtyFilter filter = new CasualtyFilter();
        filter.incidentId = incident;
        List<String> read = new ArrayList<>();
        search.export(filter, Audience.STAFF).forEach(view -> {
            read.add(view.id() + "@" + view.version());
            if (read.size() == 1) {
                // Another client changes the record just sent and one not sent yet, and adds one, while this reads.
                for (String changed : List.of(ids.get(0), ids.get(2))) {
                    given().header("Authorization", Tokens.bearer("analyst")).header("If-Match", "\"1\"")
                            .contentType(ContentType.JSON)
                            .body(person(incident, "Snapshot Person changed", null, "Khalaf", "male", 40, "family-member", true))
                            .when().put("/api/v1/casualties/" + changed).then().statusCode(200);
                }
                create(person(incident, "Snapshot Person late", null, "Khalaf", "male", 50, "family-member", true));
            }
        });
        // Each record once, as it was when the export began: read page by page, the changed ones left twice.
        assertThat(read).containsExactly(ids.get(0) + "@1", ids.get(1) + "@1", ids.get(2) + "@1");
        List<String> after = new ArrayList<>();
        search.export(filter, Audience.STAFF).forEach(view -> after.add(view.id() + "@" + view.version()));
        assertThat(after).hasSize(4).contains(ids.get(1) + "@1", ids.get(0) + "@2", ids.get(2) + "@2");

        // Parameters of every kind reach the export's query: text, a text array (the name's keys), a date, a time.
        filter.name = "Snapshot Person changed";
        filter.from = LocalDate.of(2016, 6, 25);
        filter.updatedSince = OffsetDateTime.now().minusHours(1);
        List<String> named = new ArrayList<>();
        search.export(filter, Audience.STAFF).forEach(view -> named.add(view.id().toString()));
        assertThat(named).contains(ids.get(0), ids.get(2));
        filter.from = LocalDate.of(2016, 6, 26);
        List<String> later = new ArrayList<>();
        search.export(filter, Audience.STAFF).forEach(view -> later.add(view.id().toString()));
        assertThat(later).isEmpty();
    }

    @Test
    void anExportWithABadFilterIsAProblemNamingIt() {
        given().header("Authorization", Tokens.bearer("partner")).queryParam("outcome", "vanished")
                .when().get("/api/v1/casualties/export.csv").then().statusCode(400)
                .contentType("application/problem+json").body("violations[0].field", equalTo("outcome"));
        // Values of the wrong type too: JAX-RS alone answers those 404, as if the export did not exist.
        for (Map.Entry<String, String> typed : Map.of("incidentId", "not-a-uuid", "from", "25/06/2016", "hxl", "yes",
                "limit", "many").entrySet()) {
            given().header("Authorization", Tokens.bearer("partner")).queryParam(typed.getKey(), typed.getValue())
                    .when().get(typed.getKey().equals("limit") ? "/api/v1/casualties" : "/api/v1/casualties/export.csv")
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("violations[0].field", equalTo(typed.getKey())).body("violations[0].in", equalTo("query"));
        }
    }

    @Test
    void csvAndNdjsonExportsParseBackAndProtectNames() throws Exception {
        UUID incident = PublishedIncidents.published();
        String hidden = create(person(incident, "Hidden Name", "اسم محمي", "Khalaf", "male", 30, "family-member", false));
        String shown = create(person(incident, "Shown Name", "اسم منشور", "Khalaf", "female", 9, "family-member", true));

        String csv = given().header("Authorization", Tokens.bearer("partner")).queryParam("incidentId", incident)
                .queryParam("hxl", true)
                .when().get("/api/v1/casualties/export.csv").then().statusCode(200).extract().asString();
        List<CSVRecord> rows = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(csv)).getRecords();
        assertThat(rows.get(0).get("id")).isEqualTo("#affected+id");
        // Each admin level in a column of its own, tagged as HXL has it; every tag a valid HXL hashtag.
        assertThat(rows.get(0).get("admin1_pcode")).isEqualTo("#adm1+code");
        assertThat(rows.get(0).get("admin2_pcode")).isEqualTo("#adm2+code");
        assertThat(rows.get(0).toList()).allMatch(tag -> tag.matches("#[a-z][a-z0-9_]*(\\+[a-z][a-z0-9_]*)*"));
        CSVRecord child = rows.stream().filter(r -> r.get("id").equals(shown)).findFirst().orElseThrow();
        assertThat(child.get("full_name_ar")).isEqualTo("اسم منشور");
        assertThat(child.get("child")).isEqualTo("true");
        assertThat(child.get("admin1_pcode")).isEqualTo("SY09");
        assertThat(child.get("admin2_pcode")).isEqualTo("SY0903");
        assertThat(child.get("admin3_pcode")).isEmpty();
        assertThat(child.get("date_precision")).isEqualTo("day");
        JsonPath stored = given().header("Authorization", Tokens.bearer("analyst")).when().get("/api/v1/casualties/" + shown)
                .then().statusCode(200).extract().jsonPath();
        assertThat(child.get("version")).isEqualTo(stored.getString("version"));
        assertThat(child.get("updated_at")).isEqualTo(stored.getString("updatedAt"));
        assertThat(child.get("cause")).isEqualTo("airstrike").isEqualTo(stored.getString("cause"));
        CSVRecord protectedRow = rows.stream().filter(r -> r.get("id").equals(hidden)).findFirst().orElseThrow();
        assertThat(protectedRow.get("full_name_latin")).isEmpty();
        assertThat(csv).doesNotContain("Hidden Name").doesNotContain("اسم محمي");

        String ndjson = given().header("Authorization", Tokens.bearer("analyst")).queryParam("incidentId", incident)
                .when().get("/api/v1/casualties/export.ndjson").then().statusCode(200).extract().asString();
        ObjectMapper json = new ObjectMapper();
        List<String> lines = ndjson.lines().toList();
        assertThat(lines).hasSize(2);
        assertThat(json.readTree(lines.get(0)).get("id").asText()).isEqualTo(hidden);
        assertThat(json.readTree(lines.get(0)).at("/names/fullNameLatin").asText()).isEqualTo("Hidden Name");
    }
}
