package org.shahed.casualty;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.shahed.casualty.counts.CountsUpkeep;
import org.shahed.casualty.counts.IncidentCounts;
import org.shahed.testing.Database;
import org.shahed.testing.Tokens;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;

/**
 * Writers of one incident (a massacre's list, posted record by record from several scripts) share no row they
 * must wait for: the incident's counts are recounted after their commits and the rollup's changes folded later,
 * and both stay exact: read at once, after the upkeep, and after edits and deletions.
 */
@QuarkusTest
class IncidentCountsUpkeepTest {
    @Inject
    CountsUpkeep upkeep;
    @Inject
    IncidentCounts counts;

    @Test
    void recordsWrittenAtOnceIntoOneIncidentAreEachCountedOnce() throws Exception {
        UUID incident = UUID.randomUUID();
        List<String> ids = new ArrayList<>();
        ExecutorService writers = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> written = new ArrayList<>();
            for (int n = 0; n < 62; n++) {
                int victim = n;
                // The report's figures: 30 children, 20 women, 12 men.
                String sex = victim < 30 ? (victim % 2 == 0 ? "female" : "male") : victim < 50 ? "female" : "male";
                int age = victim < 30 ? 2 + victim % 15 : 20 + victim % 40;
                written.add(writers.submit(() -> DedupeSearchSyncTest.create(DedupeSearchSyncTest.person(incident,
                        "Upkeep Victim " + victim, null, "Khalaf", sex, age, "family-member", true))));
            }
            for (Future<String> id : written) {
                ids.add(id.get(1, TimeUnit.MINUTES));
            }
        } finally {
            writers.shutdownNow();
        }
        // Read at once: the reader recounts first if a write left the counts due.
        counted(incident, 62, 30, 20);
        assertThat(rollupKilled(incident)).isEqualTo(62);

        upkeep.catchUp();
        assertThat(Database.count("select count(*) from incident_counts_due where incident_id = '" + incident + "'")).isZero();
        assertThat(Database.count("select count(*) from casualty_rollup_pending where incident_id = '" + incident + "'")).isZero();
        assertThat(Database.count("select coalesce(sum(n), 0) from casualty_rollup where incident_id = '" + incident
                + "' and outcome = 'killed'")).isEqualTo(62);
        var stored = counts.read(counts.of(incident).orElseThrow());
        assertThat(stored.killed().min()).isEqualTo(62);
        assertThat(stored.killed().max()).isEqualTo(62);

        // A correction and a withdrawal move them, read before and after the upkeep.
        Response child = given().header("Authorization", Tokens.bearer("analyst")).when().get("/api/v1/casualties/" + ids.get(1));
        given().header("Authorization", Tokens.bearer("analyst")).header("If-Match", child.header("ETag"))
                .contentType(ContentType.JSON).body(DedupeSearchSyncTest.person(incident, "Upkeep Victim 1", null,
                        "Khalaf", "male", 31, "family-member", true))
                .when().put("/api/v1/casualties/" + ids.get(1)).then().statusCode(200);
        Response woman = given().header("Authorization", Tokens.bearer("analyst")).when().get("/api/v1/casualties/" + ids.get(40));
        given().header("Authorization", Tokens.bearer("analyst")).header("If-Match", woman.header("ETag"))
                .when().delete("/api/v1/casualties/" + ids.get(40)).then().statusCode(204);
        counted(incident, 61, 29, 19);
        upkeep.catchUp();
        assertThat(rollupKilled(incident)).isEqualTo(61);
        counted(incident, 61, 29, 19);
    }

    private static void counted(UUID incident, int killed, int children, int women) {
        given().header("Authorization", Tokens.bearer("analyst")).when().get("/api/v1/casualty-counts/" + incident)
                .then().statusCode(200).body("named.killed.min", equalTo(killed)).body("named.killed.max", equalTo(killed))
                .body("named.children.min", equalTo(children)).body("named.women.min", equalTo(women));
    }

    private static long rollupKilled(UUID incident) throws Exception {
        return Database.count("select coalesce(sum(n), 0) from casualty_rollup_now where incident_id = '" + incident
                + "' and outcome = 'killed'");
    }
}
