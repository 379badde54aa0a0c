package org.shahed.casualty;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.shahed.testing.Tokens;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Aggregates agree with the records themselves, and small areas are suppressed for partners. */
@QuarkusTest
class AggregateTest {

    @Test
    void theRollupAgreesWithACountOfTheRecordsThemselves() throws Exception {
        // Some records of a governorate no other test uses, including a later deletion.
        String governorate = "SY" + (70 + (int) (Math.random() * 29));
        UUID incident = UUID.randomUUID();
        for (int i = 0; i < 7; i++) {
            create(incident, governorate, i % 2 == 0 ? "female" : "male", 5 + i * 6);
        }
        String deleted = create(incident, governorate, "male", 40);
        given().header("Authorization", Tokens.bearer("analyst")).header("If-Match", "\"1\"")
                .when().delete("/api/v1/casualties/" + deleted).then().statusCode(204);

        List<Map<String, Object>> cells = given().header("Authorization", Tokens.bearer("analyst"))
                .queryParam("groupBy", "governorate,sex").queryParam("outcome", "killed")
                .when().get("/api/v1/casualty-aggregates").then().statusCode(200).extract().jsonPath().getList("$");
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
                    return java.util.Objects.equals(key.get("governorate"), area) && key.get("sex").equals(sex);
                }).findFirst().orElseThrow(() -> new AssertionError("no cell for " + area + "/" + sex));
                assertThat(((Number) cell.get("count")).longValue()).as(area + "/" + sex).isEqualTo(expected);
                compared++;
            }
            assertThat(compared).isGreaterThanOrEqualTo(2);
        }
    }

    @Test
    void partnersCountPublishedRecordsOnlyAndNeverGetASmallCountWhateverTheyAskFor() {
        String area = "SY" + (70 + (int) (Math.random() * 29));
        String governorate = area + "9";
        // Five published records elsewhere, in the same month: whatever other tests left in this database, a row
        // with a single suppressed cell beside these has a smaller shown cell to suppress than this test's (the
        // rule suppresses the smallest), so what this test expects to see shown stays shown.
        UUID elsewhere = PublishedIncidents.published();
        for (int i = 0; i < 5; i++) {
            create(elsewhere, area + "8", "female", 50 + i);
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
                .then().statusCode(200).body("size()", equalTo(1)).body("[0].count", equalTo(7));
        given().header("Authorization", Tokens.bearer("analyst")).queryParam("groupBy", "governorate")
                .queryParam("governorate", governorate).when().get("/api/v1/casualty-aggregates")
                .then().statusCode(200).body("[0].count", equalTo(12));
        // Broken down by month, sex and age group with the governorate as a filter (not a grouping): the boy's
        // count of 1 is suppressed, and so are the 6 women beside him, or the month's total would give him away.
        List<Map<String, Object>> cells = given().header("Authorization", Tokens.bearer("partner"))
                .queryParam("groupBy", "month,sex,ageGroup").queryParam("governorate", governorate)
                .when().get("/api/v1/casualty-aggregates").then().statusCode(200).extract().jsonPath().getList("$");
        assertThat(cells).hasSize(2).allSatisfy(cell -> {
            assertThat(cell.get("suppressed")).isEqualTo(true);
            assertThat(cell).doesNotContainKey("count");
        });
        given().header("Authorization", Tokens.bearer("partner")).queryParam("groupBy", "month")
                .queryParam("governorate", governorate).when().get("/api/v1/casualty-aggregates")
                .then().statusCode(200).body("[0].count", equalTo(7));
        // Any other cut of the same records: the sexes apart, or the girls and boys, are suppressed too.
        for (String groupBy : new String[] { "sex", "ageGroup", "sex,governorate", "ageGroup,month" }) {
            List<Map<String, Object>> cut = given().header("Authorization", Tokens.bearer("partner"))
                    .queryParam("groupBy", groupBy).queryParam("governorate", governorate).queryParam("outcome", "killed")
                    .when().get("/api/v1/casualty-aggregates").then().statusCode(200).extract().jsonPath().getList("$");
            assertThat(cut).as(groupBy).isNotEmpty().allSatisfy(cell -> assertThat(cell.get("suppressed")).isEqualTo(true));
        }
        given().header("Authorization", Tokens.bearer("analyst")).queryParam("groupBy", "sex")
                .queryParam("governorate", governorate).when().get("/api/v1/casualty-aggregates")
                .then().statusCode(200).body("find { it.key.sex == 'male' }.count", equalTo(1));
        given().header("Authorization", Tokens.bearer("partner")).queryParam("groupBy", "shoeSize")
                .when().get("/api/v1/casualty-aggregates")
                .then().statusCode(400).body("violations[0].field", equalTo("groupBy"));
    }

    private static String create(UUID incident, String governorate, String sex, int age) {
        return given().header("Authorization", Tokens.bearer("analyst")).contentType(ContentType.JSON)
                .body("""
                        {"incidentId": "%s", "sex": "%s", "age": {"years": %d}, "outcome": "killed",
                         "status": "civilian", "date": {"on": "2016-06-25", "precision": "day"},
                         "place": {"adminPcodes": ["%s"]}, "documentationLevel": "reported"}
                        """.formatted(incident, sex, age, governorate))
                .when().post("/api/v1/casualties").then().statusCode(201).extract().path("id");
    }
}
