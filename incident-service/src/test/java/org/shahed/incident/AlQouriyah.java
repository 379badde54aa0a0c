package org.shahed.incident;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.is;

import java.util.UUID;

import org.shahed.testing.Tokens;

import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * The Al Qouriyah massacre (SNHR, Deir Ez-Zour, 25 June 2016) as test data: two strikes minutes apart on
 * Al Ta'es neighbourhood, the second on the people who came to help. Each call takes a marker that tests put in
 * the title, so that their incidents can be told apart in the shared database.
 */
public final class AlQouriyah {
    public static final String GOVERNORATE = "SY09";
    public static final String DISTRICT = "SY0903";

    private AlQouriyah() {
    }

    /** The first strike: four missiles on homes in Al Ta'es around noon local time (09:00 UTC). */
    public static String firstStrike(String marker) {
        return strike(marker, "First strike", "2016-06-25T09:00:00Z", 4);
    }

    /** The second strike, about ten minutes later, on the residents and paramedics who had gathered. */
    public static String secondStrike(String marker) {
        return strike(marker, "Second strike", "2016-06-25T09:10:00Z", 4);
    }

    private static String strike(String marker, String which, String at, int missiles) {
        return """
                {
                  "title": {"en": "%1$s on Al Ta'es neighbourhood, Al Qouriyah %2$s",
                            "ar": "مجزرة القورية – حي الطعس %2$s"},
                  "narrative": {"en": "Alleged Russian warplanes carried out two airstrikes with no less than eight missiles on Al Ta'es neighbourhood in the middle of Al Qouriya city. The second strike targeted residents and paramedics who came to aid the wounded.",
                                "ar": "نفذت طائرات حربية يُرجّح أنها روسية غارتين بما لا يقل عن ثمانية صواريخ على حي الطعس في مدينة القورية."},
                  "types": ["airstrike", "massacre"],
                  "start": {"at": "%3$s", "precision": "approximate-time"},
                  "timeZone": "Asia/Damascus",
                  "location": {
                    "placeName": {"en": "Al Qouriyah", "ar": "القورية"},
                    "aliases": ["Al Qouriya", "Al Quriyah", "Al-Quriyah"],
                    "neighbourhood": {"en": "Al Ta'es", "ar": "حي الطعس"},
                    "adminAreas": [
                      {"level": 1, "pcode": "%5$s", "name": {"en": "Deir-ez-Zor", "ar": "دير الزور"}},
                      {"level": 2, "pcode": "%6$s", "name": {"en": "Al Mayadin", "ar": "الميادين"}}
                    ],
                    "latitude": 34.9686,
                    "longitude": 40.5135,
                    "precisionMetres": 500
                  },
                  "perpetrators": [
                    {"party": "russian-forces", "involvement": "alleged", "confidence": "fair",
                     "basis": "Warplanes flying at great altitude; consistent with Russian operations over Deir Ez-Zour",
                     "claimIds": ["claim-warplanes"]}
                  ],
                  "means": {"weapons": ["air-launched-missile"], "strikes": 2, "munitions": {"min": %4$d},
                            "claimIds": ["claim-four-missiles", "claim-second-strike"]},
                  "patternFlags": ["indiscriminate", "civilian-objects-hit", "homes-hit", "shops-hit", "first-responders-hit"],
                  "militaryObjective": {"finding": "none-found",
                                        "basis": "No ISIS centres in the neighbourhood according to residents and the media activist",
                                        "claimIds": ["claim-no-isis"]},
                  "damage": {"description": {"en": "Whole houses levelled over more than 300 m²; 15+ houses and several shops destroyed"},
                             "housesDestroyed": {"min": 15}, "shopsDestroyed": {"min": 2}, "areaSquareMetres": 300,
                             "claimIds": ["claim-damage"]},
                  "sources": [
                    {"id": "src-abu-ahmad", "type": "local-media-activist", "knowledge": "direct", "reliability": "high",
                     "description": "Local media activist who reached the site 30 minutes after the strikes; contacted via Facebook",
                     "claims": [
                       {"id": "claim-warplanes", "statement": "The warplanes were flying at a great altitude", "about": "perpetrators"},
                       {"id": "claim-four-missiles", "statement": "Four missiles targeted Al Ta'es neighbourhood", "about": "means"},
                       {"id": "claim-second-strike", "statement": "A few minutes later the warplanes came back and bombed again", "about": "means"},
                       {"id": "claim-damage", "statement": "More than 15 houses and a number of shops destroyed over more than 300 m²", "about": "damage"}
                     ]},
                    {"id": "src-residents", "type": "resident", "knowledge": "hearsay", "reliability": "medium",
                     "description": "Residents the media activist spoke to",
                     "claims": [
                       {"id": "claim-no-isis", "statement": "There are no ISIS centres in Al Ta'es neighbourhood", "about": "militaryObjective"}
                     ]}
                  ]
                }
                """.formatted(which, marker, at, missiles, GOVERNORATE, DISTRICT);
    }

    /** Abu Ahmad's account, with his real identity protected. */
    public static String testimony(boolean shareWithPartners) {
        return """
                {
                  "witnessPseudonym": "Abu Ahmad",
                  "witnessRole": "local-media-activist",
                  "contactChannel": "facebook",
                  "interviewDate": "2016-06-26",
                  "language": "ar",
                  "statement": "سمعت صوت الطائرات الحربية في الصباح ...",
                  "translations": {"en": "I heard the warplanes flying in the morning, but there was no bombing. Around 12 AM ... A few minutes later, the warplanes came back and bombed again."},
                  "consent": {"useInReports": true, "publish": true, "shareWithPartners": %s, "protectedIdentity": true,
                              "obtainedOn": "2016-06-26", "notes": "Purpose of the interview explained; permission given"},
                  "identity": {"fullName": "Synthetic Name Al-Example", "contact": "facebook.com/synthetic.example.4242",
                               "residence": "Al Qouriyah"}
                }
                """.formatted(shareWithPartners);
    }

    public static Response create(String role, String body) {
        return given().header("Authorization", Tokens.bearer(role)).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/incidents");
    }

    public static UUID createdId(Response response) {
        return UUID.fromString(response.then().statusCode(201).extract().path("id"));
    }

    /** Takes an incident through review, verification and publication. */
    public static void publish(UUID id) {
        step(id, "analyst", "review");
        step(id, "reviewer", "verify");
        step(id, "reviewer", "publish");
    }

    public static void step(UUID id, String role, String action) {
        given().header("Authorization", Tokens.bearer(role))
                .when().post("/api/v1/incidents/" + id + "/" + action)
                .then().statusCode(200);
    }

    /** The report's context: the city had been under the control of ISIS since July 2014 (once for all tests). */
    public static void isisControlsTheDistrict() {
        given().header("Authorization", Tokens.bearer("analyst")).contentType(ContentType.JSON)
                .body("""
                        {"areaPcode": "%s", "party": "isis", "validFrom": "2014-07-01", "validTo": "2017-10-31",
                         "source": "SNHR report: the city has been under the control of ISIS since July 2014"}
                        """.formatted(DISTRICT))
                .when().post("/api/v1/area-control")
                .then().statusCode(anyOf(is(201), is(409)));
    }

    public static String marker() {
        return "t" + UUID.randomUUID().toString().substring(0, 8);
    }
}
