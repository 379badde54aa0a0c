package org.shahed.casualty;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.config.ConfigProvider;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.shahed.testing.Tokens;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** Aggregates agree with the records themselves, and small areas are suppressed for partners. */
@QuarkusTest
class AggregateTest {

    @Test
    void theRollupAgreesWithACountOfTheRecordsThemselves() throws Exception {
        // Some records of a governorate no other test uses, including a later deletion.
        String governorate = "SY71";
        UUID incident = UUID.randomUUID();
        for (int i = 0; i < 7; i++) {
            create(incident, governorate, i % 2 == 0 ? "female" : "male", 5 + i * 6);
        }
        String deleted = create(incident, governorate, "male", 40);
        given().header("Authorization", Tokens.bearer("analyst")).header("If-Match", "\"1\"")
                .when().delete("/api/v1/casualties/" + deleted).then().statusCode(204);

        List<Map<String, Object>> cells = given().header("Authorization", Tokens.bearer("analyst"))
                .queryParam("groupBy", "governorate,sex").queryParam("outcome", "killed")
                .when().get("/api/v1/casualty-aggregates").then().statusCode(200).extract().jsonPath().getList("items");
        String url = ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.url", String.class);
        try (Connection db = DriverManager.getConnection(url, "postgres", "");
                ResultSet rows = db.createStatement().executeQuery("""
                        select admin_pcodes[1], sex, count(*) from casualty
                        where outcome = 'killed' and deleted_at is null and merged_into is null
                        group by 1, 2""")) {
            int compared = 0;
            while (rows.next()) {
                String area = rows.getString(1);
                String sex = rows.getString(2);
                long expected = rows.getLong(3);
                Map<String, Object> cell = cells.stream().filter(c -> {
                    @SuppressWarnings("unchecked")
                    Map<String, String> key = (Map<String, String>) c.get("key");
                    return key.get("governorate").equals(area == null ? "unknown" : area) && key.get("sex").equals(sex);
                }).findFirst().orElseThrow(() -> new AssertionError("no cell for " + area + "/" + sex));
                assertThat(count(cell)).as(area + "/" + sex).isEqualTo(expected);
                compared++;
            }
            assertThat(compared).isGreaterThanOrEqualTo(2);
        }
    }

    @Test
    void partnersCountPublishedRecordsOnlyAndNeverGetASmallCountWhateverTheyAskFor() {
        String area = "SY72";
        String governorate = area + "09";
        // Five published records elsewhere, in the same month: whatever other tests left in this database, a row
        // with a single suppressed cell beside these has a smaller shown cell to suppress than this test's (the
        // rule suppresses the smallest), so what this test expects to see shown stays shown.
        UUID elsewhere = PublishedIncidents.published();
        for (int i = 0; i < 5; i++) {
            create(elsewhere, area + "08", "female", 50 + i);
        }
        UUID published = PublishedIncidents.published();
        for (int i = 0; i < 6; i++) {
            create(published, governorate, "female", 30 + i);
        }
        create(published, governorate, "male", 9);
        UUID draft = UUID.randomUUID();
        for (int i = 0; i < 5; i++) {
            create(draft, governorate, "female", 40 + i);
        }
        // The governorate's total: 7 published records for partners, 12 for analysts.
        given().header("Authorization", Tokens.bearer("partner")).queryParam("groupBy", "governorate")
                .queryParam("governorate", governorate).when().get("/api/v1/casualty-aggregates")
                .then().statusCode(200).body("items.size()", equalTo(1)).body("items[0].count.min", equalTo(7))
                .body("metadata.publishedOnly", equalTo(true)).body("metadata.minCellSize", equalTo(5));
        given().header("Authorization", Tokens.bearer("analyst")).queryParam("groupBy", "governorate")
                .queryParam("governorate", governorate).when().get("/api/v1/casualty-aggregates")
                .then().statusCode(200).body("items[0].count.min", equalTo(12)).body("items[0].count.max", equalTo(12))
                .body("metadata.publishedOnly", equalTo(false)).body("metadata", not(hasKey("minCellSize")));
        // Broken down by month, sex and age group with the governorate as a filter (not a grouping): the boy's
        // count of 1 is suppressed, and so are the 6 women beside him, or the month's total would give him away.
        JsonPath broken = given().header("Authorization", Tokens.bearer("partner"))
                .queryParam("groupBy", "month,sex,ageGroup").queryParam("governorate", governorate)
                .when().get("/api/v1/casualty-aggregates").then().statusCode(200).extract().jsonPath();
        List<Map<String, Object>> cells = broken.getList("items");
        assertThat(cells).hasSize(2).allSatisfy(cell -> {
            assertThat(cell.get("suppressed")).isEqualTo(true);
            assertThat(cell).doesNotContainKey("count");
        });
        assertThat(broken.getInt("metadata.suppressedCells")).isEqualTo(2);
        // Their total is the governorate's, which another question shows anyway: 7, not the two apart.
        assertThat(broken.getInt("total.count.min")).isEqualTo(7);
        given().header("Authorization", Tokens.bearer("partner")).queryParam("groupBy", "month")
                .queryParam("governorate", governorate).when().get("/api/v1/casualty-aggregates")
                .then().statusCode(200).body("items[0].count.min", equalTo(7));
        // Any other cut of the same records: the sexes apart, or the girls and boys, are suppressed too.
        for (String groupBy : new String[] { "sex", "ageGroup", "sex,governorate", "ageGroup,month" }) {
            List<Map<String, Object>> cut = given().header("Authorization", Tokens.bearer("partner"))
                    .queryParam("groupBy", groupBy).queryParam("governorate", governorate).queryParam("outcome", "killed")
                    .when().get("/api/v1/casualty-aggregates").then().statusCode(200).extract().jsonPath().getList("items");
            assertThat(cut).as(groupBy).isNotEmpty().allSatisfy(cell -> assertThat(cell.get("suppressed")).isEqualTo(true));
        }
        given().header("Authorization", Tokens.bearer("analyst")).queryParam("groupBy", "sex")
                .queryParam("governorate", governorate).when().get("/api/v1/casualty-aggregates")
                .then().statusCode(200).body("items.find { it.key.sex == 'male' }.count.min", equalTo(1));
        given().header("Authorization", Tokens.bearer("partner")).queryParam("groupBy", "shoeSize")
                .when().get("/api/v1/casualty-aggregates")
                .then().statusCode(400).body("violations[0].field", equalTo("groupBy"));
    }

    @Test
    void recordsWithoutADateAPlaceOrAPerpetratorAreCountedAsUnknownAndMonthsWithoutRecordsAreZero() {
        // A month of a year no other test writes, so that these records are alone in it.
        int year = 1907;
        String month = year + "-03";
        UUID incident = UUID.randomUUID(); // not known here: no perpetrator
        create(incident, "SY09", "female", 30, year + "-03-10");
        create(incident, "SY09", "male", 31, year + "-03-11");
        create(incident, null, "male", 32, year + "-03-12");

        JsonPath byPlace = given().header("Authorization", Tokens.bearer("analyst"))
                .queryParam("groupBy", "month,governorate").queryParam("fromMonth", year + "-01")
                .queryParam("toMonth", year + "-06").queryParam("zeroFill", true)
                .when().get("/api/v1/casualty-aggregates").then().statusCode(200).extract().jsonPath();
        assertThat(byPlace.getList("groupBy")).containsExactly("month", "governorate");
        assertThat(byPlace.getBoolean("metadata.zeroFilled")).isTrue();
        // Six months for each of the two governorates (one of them: unknown), in key order, zeros included.
        List<Map<String, Object>> items = byPlace.getList("items");
        assertThat(items).hasSize(12);
        assertThat(items.get(0)).extracting("key").isEqualTo(Map.of("month", year + "-01", "governorate", "SY09"));
        Map<String, Long> counts = new HashMap<>();
        items.forEach(cell -> counts.put(((Map<?, ?>) cell.get("key")).values().toString(), count(cell)));
        assertThat(counts).containsEntry("[" + month + ", SY09]", 2L).containsEntry("[" + month + ", unknown]", 1L)
                .containsEntry("[" + year + "-04, unknown]", 0L).containsEntry("[" + year + "-01, SY09]", 0L);
        // The total counts each record once, and equals the sum of the groups of any grouping.
        assertThat(byPlace.getLong("total.count.min")).isEqualTo(3);
        JsonPath bySex = given().header("Authorization", Tokens.bearer("analyst"))
                .queryParam("groupBy", "sex").queryParam("fromMonth", month).queryParam("toMonth", month)
                .when().get("/api/v1/casualty-aggregates").then().statusCode(200).extract().jsonPath();
        List<Map<String, Object>> sexes = bySex.getList("items");
        assertThat(sexes.stream().mapToLong(AggregateTest::count).sum()).isEqualTo(bySex.getLong("total.count.min")).isEqualTo(3);

        // An incident not known here has no perpetrator: its records are under unknown, not left out.
        JsonPath byPerpetrator = given().header("Authorization", Tokens.bearer("analyst"))
                .queryParam("groupBy", "perpetrator").queryParam("fromMonth", month).queryParam("toMonth", month)
                .when().get("/api/v1/casualty-aggregates").then().statusCode(200).extract().jsonPath();
        assertThat(byPerpetrator.getList("items.key.perpetrator")).containsExactly("unknown");
        assertThat(byPerpetrator.getInt("items[0].count.min")).isEqualTo(3);
        assertThat(byPerpetrator.getMap("$")).doesNotContainKey("total");
        given().header("Authorization", Tokens.bearer("analyst")).queryParam("groupBy", "sex")
                .queryParam("fromMonth", month).queryParam("toMonth", month).queryParam("governorate", "unknown")
                .when().get("/api/v1/casualty-aggregates").then().statusCode(200)
                .body("items.key.sex", Matchers.contains("male"));
        // Zero-filling needs the months to list.
        given().header("Authorization", Tokens.bearer("analyst")).queryParam("groupBy", "month")
                .queryParam("zeroFill", true).when().get("/api/v1/casualty-aggregates")
                .then().statusCode(400).body("violations[0].field", equalTo("zeroFill"));
    }

    @SuppressWarnings("unchecked")
    private static long count(Map<String, Object> cell) {
        return ((Number) ((Map<String, Object>) cell.get("count")).get("min")).longValue();
    }

    private static String create(UUID incident, String governorate, String sex, int age) {
        return create(incident, governorate, sex, age, "2016-06-25");
    }

    private static String create(UUID incident, String governorate, String sex, int age, String date) {
        String place = governorate == null ? "" : ", \"place\": {\"adminPcodes\": [\"" + governorate + "\"]}";
        return given().header("Authorization", Tokens.bearer("analyst")).contentType(ContentType.JSON)
                .body("""
                        {"incidentId": "%s", "sex": "%s", "age": {"years": %d}, "outcome": "killed",
                         "status": "civilian", "date": {"on": "%s", "precision": "day"}%s,
                         "documentationLevel": "reported"}
                        """.formatted(incident, sex, age, date, place))
                .when().post("/api/v1/casualties").then().statusCode(201).extract().path("id");
    }
}
