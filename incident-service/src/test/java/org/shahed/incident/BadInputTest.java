package org.shahed.incident;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.time.Duration;
import java.util.List;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.shahed.testing.TopicReader;
import org.shahed.testing.Tokens;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Bad input is a 4xx problem naming the field; nothing is written and no event is emitted. */
@QuarkusTest
class BadInputTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A field (JSON pointer), the value to put there, and the field the problem must name. */
    record Case(String pointer, Object value, String field) {
        @Override
        public String toString() {
            return pointer + "=" + value;
        }
    }

    static List<Case> cases() {
        return List.of(
                new Case("/witnessPhone", "+963 000", "witnessPhone"),
                new Case("/location/latitude", 134.9, "location.latitude"),
                new Case("/location/longitude", -181, "location.longitude"),
                new Case("/start/at", "2999-01-01T00:00:00Z", "start.at"),
                new Case("/start/at", "25 June 2016", "start.at"),
                new Case("/start/precision", "fortnight", "start.precision"),
                new Case("/end", JSON.createObjectNode().put("at", "2016-06-24T00:00:00Z").put("precision", "day"), "end.at"),
                new Case("/types/1", "volcano", "types[1]"),
                new Case("/perpetrators/0/party", "martians", "perpetrators[0].party"),
                new Case("/perpetrators/0/claimIds/0", "claim-nobody-made", "perpetrators[0].claimIds[0]"),
                new Case("/means/strikes", "two", "means.strikes"),
                new Case("/means/munitions/max", 3, "means.munitions.max"),
                new Case("/title/en", "x".repeat(501), "title"),
                new Case("/timeZone", "Mars/Olympus", "timeZone"),
                new Case("/location/adminAreas/0/pcode", "deir-ez-zor", "location.adminAreas[0].pcode"));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void isRejectedNamingTheFieldAndLeavesNothingBehind(Case bad) throws Exception {
        String marker = AlQouriyah.marker();
        ObjectNode body = (ObjectNode) JSON.readTree(AlQouriyah.firstStrike(marker));
        set(body, bad.pointer(), JSON.valueToTree(bad.value()));

        given().header("Authorization", Tokens.bearer("analyst")).contentType(ContentType.JSON).body(body.toString())
                .when().post("/api/v1/incidents")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("violations.field", hasItem(containsString(bad.field())));

        List<String> written = given().header("Authorization", Tokens.bearer("analyst")).queryParam("q", marker)
                .when().get("/api/v1/incidents")
                .then().statusCode(200).extract().jsonPath().getList("items.id");
        assertThat(written).isEmpty();
    }

    @Test
    void aRejectedWriteEmitsNoEvent() throws Exception {
        String marker = AlQouriyah.marker();
        ObjectNode bad = (ObjectNode) JSON.readTree(AlQouriyah.firstStrike(marker));
        set(bad, "/types/0", JSON.valueToTree("volcano"));
        try (TopicReader reader = new TopicReader("shahed.incidents")) {
            given().header("Authorization", Tokens.bearer("analyst")).contentType(ContentType.JSON).body(bad.toString())
                    .when().post("/api/v1/incidents").then().statusCode(400);
            String good = AlQouriyah.createdId(AlQouriyah.create("analyst", AlQouriyah.firstStrike(marker))).toString();
            // Events go out in commit order: once the later write's event is here, any earlier one would be too.
            reader.await(TopicReader.subject(good), 1, Duration.ofSeconds(30));
            assertThat(reader.readFor(e -> new String(e.getData().toBytes()).contains(marker)
                    && !good.equals(e.getSubject()), Duration.ofMillis(500))).isEmpty();
        }
    }

    @Test
    void malformedJsonWrongMediaTypeAndBadParametersAreClientErrors() {
        given().header("Authorization", Tokens.bearer("analyst")).contentType(ContentType.JSON).body("{\"title\": ")
                .when().post("/api/v1/incidents")
                .then().statusCode(400).contentType("application/problem+json");
        given().header("Authorization", Tokens.bearer("analyst")).contentType(ContentType.TEXT).body("hello")
                .when().post("/api/v1/incidents")
                .then().statusCode(415).contentType("application/problem+json")
                .body("violations[0].in", equalTo("header")).body("violations[0].field", equalTo("Content-Type"))
                .body("detail", Matchers.containsString("application/json"));
        given().header("Authorization", Tokens.bearer("analyst")).queryParam("cursor", "garbage!")
                .when().get("/api/v1/incidents")
                .then().statusCode(400).body("violations[0].field", equalTo("cursor"));
        given().header("Authorization", Tokens.bearer("analyst")).queryParam("bbox", "1,2,3")
                .when().get("/api/v1/incidents")
                .then().statusCode(400).body("violations[0].field", equalTo("bbox"));
        given().header("Authorization", Tokens.bearer("analyst")).queryParam("limit", 100000)
                .when().get("/api/v1/incidents")
                .then().statusCode(400).body("violations[0].field", equalTo("limit"));
        given().header("Authorization", Tokens.bearer("analyst")).queryParam("sort", "title")
                .when().get("/api/v1/incidents")
                .then().statusCode(400).body("violations[0].field", equalTo("sort"));
        given().header("Authorization", Tokens.bearer("analyst"))
                .when().get("/api/v1/incidents/not-a-uuid")
                .then().statusCode(404);
    }

    private static void set(ObjectNode root, String pointer, JsonNode value) {
        int slash = pointer.lastIndexOf('/');
        var parent = root.at(pointer.substring(0, slash));
        String last = pointer.substring(slash + 1);
        if (parent.isArray()) {
            ((ArrayNode) parent).set(Integer.parseInt(last), value);
        } else {
            ((ObjectNode) parent).set(last, value);
        }
    }
}
