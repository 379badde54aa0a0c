package org.shahed.casualty;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.shahed.casualty.dedupe.NameKeys;
import org.shahed.casualty.dedupe.Rekeying;
import org.shahed.testing.Database;
import org.shahed.testing.Tokens;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/** An upgrade's new matching keys reach records written before it, without touching the records themselves. */
@QuarkusTest
class RekeyingTest {
    @Inject
    Rekeying rekeying;

    @Test
    void recordsKeyedUnderOlderRulesAreKeyedAgainAndFoundAgain() throws Exception {
        UUID incident = UUID.randomUUID();
        String arabic = DedupeSearchSyncTest.create(DedupeSearchSyncTest.person(incident, null, "عمر خالد الشامي", "خالد",
                "male", 27, "family-member", false));
        String latin = DedupeSearchSyncTest.create(DedupeSearchSyncTest.person(incident, "Omar Khaled ash-Shami", null,
                "Khaled", "male", 27, "hospital-record", false));
        // As an older release left them: word keys only, no blocking keys, no version, no names kept for scoring.
        Database.update("update casualty set match_names = null, name_keys = array(select k from unnest(name_keys) k where k like 'n:%') where id in ('"
                + arabic + "', '" + latin + "')");
        long versionBefore = Database.count("select version from casualty where id = '" + arabic + "'");
        long changeBefore = Database.count("select change_seq from casualty where id = '" + arabic + "'");
        assertThat(candidates(arabic)).doesNotContain(latin);

        assertThat(rekeying.rekeyAll()).isGreaterThanOrEqualTo(2);

        assertThat(Database.count("select count(*) from casualty where id in ('" + arabic + "', '" + latin
                + "') and name_keys @> array['" + NameKeys.VERSION + "'] and match_names ->> 'fullNameAr' is not distinct from"
                + " document -> 'names' ->> 'fullNameAr'")).isEqualTo(2);
        assertThat(candidates(arabic)).contains(latin);
        assertThat(Database.count("select version from casualty where id = '" + arabic + "'")).isEqualTo(versionBefore);
        assertThat(Database.count("select change_seq from casualty where id = '" + arabic + "'"))
                .as("keys are derived: no change event, no new version").isEqualTo(changeBefore);
        assertThat(rekeying.rekeyAll()).as("a second pass finds nothing to do").isZero();
    }

    private static java.util.List<String> candidates(String id) {
        return given().header("Authorization", Tokens.bearer("analyst"))
                .when().get("/api/v1/casualties/" + id + "/duplicate-candidates")
                .then().statusCode(200).extract().jsonPath().getList("items.candidateId", String.class);
    }
}
