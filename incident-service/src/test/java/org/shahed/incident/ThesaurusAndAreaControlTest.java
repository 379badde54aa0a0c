package org.shahed.incident;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

import java.util.UUID;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.shahed.testing.Tokens;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** Vocabularies (readable by all, extended by admins), the area-control timeline, and soft deletion. */
@QuarkusTest
class ThesaurusAndAreaControlTest {

    @Test
    void everyRoleReadsTheVocabulariesInEnglishAndArabic() {
        given().header("Authorization", Tokens.bearer("partner"))
                .when().get("/api/v1/thesauri")
                .then().statusCode(200).body("items", hasItem("incident-type")).body("items", hasItem("legal-instrument"));
        given().header("Authorization", Tokens.bearer("partner"))
                .when().get("/api/v1/thesauri/incident-type")
                .then().statusCode(200)
                .body("items.find { it.code == 'airstrike' }.label.en", equalTo("Airstrike"))
                .body("items.find { it.code == 'airstrike' }.label.ar", equalTo("غارة جوية"));
        given().header("Authorization", Tokens.bearer("partner"))
                .when().get("/api/v1/thesauri/no-such-vocabulary")
                .then().statusCode(404);
    }

    @Test
    void governoratesAndTheApisEnumerationsHaveLabelsWhoseCodesAdminsCannotChange() {
        given().header("Authorization", Tokens.bearer("partner")).when().get("/api/v1/thesauri/governorate")
                .then().statusCode(200).body("items.size()", equalTo(14))
                .body("items.find { it.code == 'SY09' }.label.en", equalTo("Deir-ez-Zor"))
                .body("items.find { it.code == 'SY09' }.label.ar", equalTo("دير الزور"));
        given().header("Authorization", Tokens.bearer("partner")).when().get("/api/v1/thesauri/outcome")
                .then().statusCode(200).body("items.code", Matchers.hasItems("killed", "injured"));
        // An enumeration's codes are what the services accept: labels may be refined, codes not added or withdrawn.
        given().header("Authorization", Tokens.bearer("admin")).contentType(ContentType.JSON)
                .body("{\"labelEn\": \"Abducted\", \"labelAr\": \"مخطوف\"}")
                .when().put("/api/v1/thesauri/outcome/abducted").then().statusCode(409);
        given().header("Authorization", Tokens.bearer("admin")).contentType(ContentType.JSON)
                .body("{\"labelEn\": \"Killed\", \"labelAr\": \"قُتل\", \"active\": false}")
                .when().put("/api/v1/thesauri/outcome/killed").then().statusCode(409);
        given().header("Authorization", Tokens.bearer("admin")).contentType(ContentType.JSON)
                .body("{\"labelEn\": \"Killed\", \"labelAr\": \"قُتل\"}")
                .when().put("/api/v1/thesauri/outcome/killed").then().statusCode(200);
    }

    @Test
    void adminsExtendAVocabularyAndDeactivatedTermsAreRefusedInNewRecords() {
        String code = "thermobaric-" + UUID.randomUUID().toString().substring(0, 8);
        String term = "{\"labelEn\": \"Thermobaric bomb\", \"labelAr\": \"قنبلة فراغية\"}";
        given().header("Authorization", Tokens.bearer("analyst")).contentType(ContentType.JSON).body(term)
                .when().put("/api/v1/thesauri/weapon/" + code)
                .then().statusCode(403);
        given().header("Authorization", Tokens.bearer("admin")).contentType(ContentType.JSON).body(term)
                .when().put("/api/v1/thesauri/weapon/" + code)
                .then().statusCode(200).body("active", equalTo(true));

        String incident = AlQouriyah.firstStrike(AlQouriyah.marker()).replace("\"air-launched-missile\"", "\"" + code + "\"");
        AlQouriyah.create("analyst", incident).then().statusCode(201);

        given().header("Authorization", Tokens.bearer("admin")).contentType(ContentType.JSON)
                .body("{\"labelEn\": \"Thermobaric bomb\", \"labelAr\": \"قنبلة فراغية\", \"active\": false}")
                .when().put("/api/v1/thesauri/weapon/" + code)
                .then().statusCode(200).body("active", equalTo(false));
        AlQouriyah.create("analyst", incident).then().statusCode(400)
                .body("violations[0].field", equalTo("means.weapons[0]"));
        given().header("Authorization", Tokens.bearer("partner"))
                .when().get("/api/v1/thesauri/weapon")
                .then().statusCode(200).body("items.code", not(hasItem(code)));
    }

    @Test
    void theAreaControlTimelineAnswersForAnyDate() {
        String area = "SY991001"; // an area no other test uses
        add(area, "syrian-regime-forces", "2011-01-01", "2014-06-30").then().statusCode(201);
        add(area, "isis", "2014-07-01", "2017-10-31").then().statusCode(201);
        add(area, "sdf", "2016-01-01", null).then().statusCode(409); // overlaps the ISIS period

        given().header("Authorization", Tokens.bearer("partner")).queryParam("pcode", area).queryParam("asOf", "2016-06-25")
                .when().get("/api/v1/area-control")
                .then().statusCode(200).body("items", hasSize(1)).body("items[0].party", equalTo("isis"));
        given().header("Authorization", Tokens.bearer("partner")).queryParam("pcode", area).queryParam("asOf", "2013-03-01")
                .when().get("/api/v1/area-control")
                .then().statusCode(200).body("items[0].party", equalTo("syrian-regime-forces"));
        given().header("Authorization", Tokens.bearer("partner")).queryParam("pcode", area)
                .when().get("/api/v1/area-control")
                .then().statusCode(200).body("items.party", Matchers.contains("syrian-regime-forces", "isis"));
        add(area, "isis", "2018-01-01", "2017-12-01").then().statusCode(400)
                .body("violations[0].field", equalTo("validTo"));
    }

    @Test
    void deletingADraftIsSoftAndItsHistoryRemains() {
        UUID id = AlQouriyah.createdId(AlQouriyah.create("analyst", AlQouriyah.firstStrike(AlQouriyah.marker())));
        given().header("Authorization", Tokens.bearer("analyst")).when().delete("/api/v1/incidents/" + id)
                .then().statusCode(428);
        given().header("Authorization", Tokens.bearer("analyst")).header("If-Match", "\"1\"")
                .when().delete("/api/v1/incidents/" + id)
                .then().statusCode(204);
        given().header("Authorization", Tokens.bearer("analyst")).when().get("/api/v1/incidents/" + id)
                .then().statusCode(404);
        given().header("Authorization", Tokens.bearer("reviewer")).when().get("/api/v1/incidents/" + id + "/history")
                .then().statusCode(200).body("items.change", Matchers.contains("created", "deleted"));
    }

    private static Response add(String area, String party, String from, String to) {
        String body = "{\"areaPcode\": \"" + area + "\", \"party\": \"" + party + "\", \"validFrom\": \"" + from + "\""
                + (to == null ? "" : ", \"validTo\": \"" + to + "\"") + ", \"source\": \"test timeline\"}";
        return given().header("Authorization", Tokens.bearer("analyst")).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/area-control");
    }
}
