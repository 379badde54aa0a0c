package org.shahed.casualty;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.awaitility.Awaitility.await;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.shahed.testing.Database;
import org.shahed.testing.TopicReader;
import org.shahed.testing.Tokens;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** Bulk imports from CSV and NDJSON, against the real database and broker. */
@QuarkusTest
class BulkImportTest {

    @Test
    void theSeedsVictimsGiveTheReportsFiguresAndTheCountsEvent() throws Exception {
        UUID incident = UUID.randomUUID();
        long analyzedBefore = Database.count("select analyze_count from pg_stat_user_tables where relname = 'casualty'");
        try (TopicReader reader = new TopicReader("shahed.casualties")) {
            JsonPath job = importAndWait(SeedVictims.csv(incident, "aq-" + incident), "text/csv", UUID.randomUUID().toString());
            assertThat(job.getString("status")).isEqualTo("completed");
            // An import this large (in tests: 90 rows and more) refreshed the planner's statistics before completing.
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (Database.count("select analyze_count from pg_stat_user_tables where relname = 'casualty'") <= analyzedBefore
                    && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertThat(Database.count("select analyze_count from pg_stat_user_tables where relname = 'casualty'"))
                    .isGreaterThan(analyzedBefore);
            assertThat(job.getLong("rowsRead")).isEqualTo(92);
            assertThat(job.getLong("rowsAccepted")).isEqualTo(92);
            assertThat(job.getLong("rowsRejected")).isZero();
            assertThat(job.getInt("percent")).isEqualTo(100);

            JsonPath counts = counts(incident);
            assertThat(counts.getInt("named.killed.min")).isEqualTo(62);
            assertThat(counts.getInt("named.killed.max")).isEqualTo(62);
            assertThat(counts.getInt("named.children.min")).isEqualTo(30);
            assertThat(counts.getInt("named.children.max")).isEqualTo(30);
            assertThat(counts.getInt("named.women.min")).isEqualTo(20);
            assertThat(counts.getInt("named.women.max")).isEqualTo(20);
            assertThat(counts.getInt("named.men.min")).isEqualTo(12);
            assertThat(counts.getInt("named.injured.min")).isEqualTo(30);

            List<TopicReader.Received> events = reader.await(e -> "org.shahed.casualty.counts-changed".equals(e.getType())
                    && incident.toString().equals(e.getSubject()), 1, Duration.ofSeconds(30));
            assertThat(events).isNotEmpty();
            JsonNode last = new ObjectMapper().readTree(events.get(events.size() - 1).event().getData().toBytes());
            assertThat(last.get("incidentId").asText()).isEqualTo(incident.toString());
            assertThat(last.at("/killed/min").asInt()).isEqualTo(62);
            assertThat(last.at("/children/min").asInt()).isEqualTo(30);
            assertThat(last.at("/women/min").asInt()).isEqualTo(20);
            assertThat(last.at("/injured/min").asInt()).isEqualTo(30);
            assertThat(last.get("version").asLong()).isEqualTo(counts.getLong("version"));
        }

        // Every column lands where the header mapping says, and history keeps the record as the API shows it.
        JsonPath medic = given().header("Authorization", Tokens.bearer("analyst"))
                .queryParam("incidentId", incident).queryParam("role", "medical-worker")
                .when().get("/api/v1/casualties")
                .then().statusCode(200).extract().jsonPath().setRootPath("items[0]");
        assertThat(medic.getString("externalId")).isEqualTo("aq-" + incident + "-55");
        assertThat(medic.getString("names.fullNameAr")).isEqualTo("ضحية تجريبية 55");
        assertThat(medic.getString("names.familyName")).isEqualTo("Example-55");
        assertThat(medic.getInt("age.years")).isEqualTo(30);
        assertThat(medic.getList("roles")).containsExactly("medical-worker");
        assertThat(medic.getString("date.on")).isEqualTo("2016-06-25");
        assertThat(medic.getMap("place.name")).containsEntry("en", "Al Qouriyah").containsEntry("ar", "القورية");
        assertThat(medic.getList("place.adminPcodes")).containsExactly("SY09", "SY0903");
        assertThat(medic.getList("sources")).containsExactly(
                Map.of("type", "family-member", "reference", "SNHR interview", "independent", true));
        assertThat(medic.getBoolean("consent.publishName")).isFalse();
        assertHistoryKeepsTheRecordAsShown(medic.getString("id"));
    }

    /** The first revision of an imported record is the record as an analyst reads it (but for request-time data). */
    static void assertHistoryKeepsTheRecordAsShown(String id) throws Exception {
        ObjectMapper json = new ObjectMapper();
        JsonNode shown = json.readTree(given().header("Authorization", Tokens.bearer("analyst"))
                .when().get("/api/v1/casualties/" + id).then().statusCode(200).extract().asString());
        ((ObjectNode) shown).remove("incidentStatus");
        JsonNode history = json.readTree(given().header("Authorization", Tokens.bearer("analyst"))
                .when().get("/api/v1/casualties/" + id + "/history").then().statusCode(200).extract().asString())
                .get("items");
        assertThat(history.get(0).get("change").asText()).isEqualTo("created");
        assertThat(history.get(0).get("record")).isEqualTo(shown);
    }

    @Test
    void reimportingTheSameFileCreatesNoDuplicatesAndTheSameKeyReturnsTheFirstJob() {
        UUID incident = UUID.randomUUID();
        String file = SeedVictims.csv(incident, "re-" + incident);
        String key = UUID.randomUUID().toString();
        JsonPath first = importAndWait(file, "text/csv", key);
        long version = counts(incident).getLong("version");

        JsonPath replay = given().header("Authorization", Tokens.bearer("ingest")).header("Idempotency-Key", key)
                .contentType("text/csv").body(file.getBytes(StandardCharsets.UTF_8))
                .when().post("/api/v1/casualty-imports")
                .then().statusCode(202).extract().jsonPath();
        assertThat(replay.getString("id")).isEqualTo(first.getString("id"));

        JsonPath again = importAndWait(file, "text/csv", UUID.randomUUID().toString());
        assertThat(again.getString("id")).isNotEqualTo(first.getString("id"));
        assertThat(again.getLong("rowsAccepted")).isEqualTo(92);
        assertThat(counts(incident).getLong("version")).isEqualTo(version);
        assertThat(counts(incident).getInt("named.killed.min")).isEqualTo(62);
        List<String> records = given().header("Authorization", Tokens.bearer("analyst"))
                .queryParam("incidentId", incident).queryParam("limit", 500)
                .when().get("/api/v1/casualties")
                .then().statusCode(200).extract().jsonPath().getList("items.id");
        assertThat(records).hasSize(92).doesNotHaveDuplicates();
    }

    @Test
    void aSourceRecordRepeatedInAFileOrImportedAgainChangedIsUpdatedInPlace() throws Exception {
        UUID incident = UUID.randomUUID();
        String batch = "rep-" + incident;
        String file = SeedVictims.HEADER + "\n"
                + SeedVictims.row(incident, batch, 1, "female", "7", "", "killed", "true")
                + SeedVictims.row(incident, batch, 2, "male", "30", "", "killed", "true")
                + SeedVictims.row(incident, batch, 3, "male", "41", "", "killed", "true")
                + SeedVictims.row(incident, batch, 2, "male", "30", "", "injured", "true");
        try (TopicReader reader = new TopicReader("shahed.casualties")) {
            JsonPath job = importAndWait(file, "text/csv", UUID.randomUUID().toString());
            assertThat(job.getLong("rowsAccepted")).isEqualTo(4);
            // The fourth row names the second's source record again: it updates what the second created.
            assertThat(job.getLong("rowsCreated")).isEqualTo(3);
            assertThat(job.getLong("rowsUpdated")).isEqualTo(1);
            assertThat(job.getLong("rowsUnchanged")).isZero();
            List<Map<String, Object>> records = given().header("Authorization", Tokens.bearer("analyst"))
                    .queryParam("incidentId", incident).queryParam("limit", 50)
                    .when().get("/api/v1/casualties")
                    .then().statusCode(200).extract().jsonPath().getList("items");
            assertThat(records).hasSize(3);
            Map<String, Object> second = records.stream()
                    .filter(r -> (batch + "-2").equals(r.get("externalId"))).findFirst().orElseThrow();
            assertThat(second.get("outcome")).isEqualTo("injured");
            assertThat(second.get("version")).isEqualTo(2);
            List<String> changes = given().header("Authorization", Tokens.bearer("analyst"))
                    .when().get("/api/v1/casualties/" + second.get("id") + "/history")
                    .then().statusCode(200).extract().jsonPath().getList("items.change");
            assertThat(changes).containsExactly("created", "updated");
            assertThat(counts(incident).getInt("named.killed.min")).isEqualTo(2);
            assertThat(counts(incident).getInt("named.injured.min")).isEqualTo(1);
            // Every record written set-wise has its event, keyed by the record, a record's events in order.
            List<TopicReader.Received> events = reader.await(e -> !e.getType().endsWith("counts-changed")
                    && records.stream().anyMatch(r -> r.get("id").equals(e.getSubject())), 4, Duration.ofSeconds(30));
            assertThat(events).extracting(e -> e.event().getType()).containsExactlyInAnyOrder(
                    "org.shahed.casualty.created", "org.shahed.casualty.created", "org.shahed.casualty.created",
                    "org.shahed.casualty.updated");
            assertThat(events).filteredOn(e -> e.key().equals(second.get("id")))
                    .extracting(e -> e.event().getType())
                    .containsExactly("org.shahed.casualty.created", "org.shahed.casualty.updated");
        }

        // The same source records again, one changed: updated, not duplicated, and the others untouched.
        String changed = SeedVictims.HEADER + "\n"
                + SeedVictims.row(incident, batch, 1, "female", "7", "", "injured", "true")
                + SeedVictims.row(incident, batch, 3, "male", "41", "", "killed", "true");
        // A dry run says what the import would do, and does none of it.
        JsonPath dryRun = importAndWait(changed, "text/csv", UUID.randomUUID().toString(), true);
        assertThat(dryRun.getString("status")).isEqualTo("completed");
        assertThat(dryRun.getBoolean("dryRun")).isTrue();
        assertThat(dryRun.getLong("rowsUpdated")).isEqualTo(1);
        assertThat(dryRun.getLong("rowsUnchanged")).isEqualTo(1);
        assertThat(dryRun.getLong("rowsCreated")).isZero();
        assertThat(counts(incident).getInt("named.killed.min")).isEqualTo(2);
        assertThat(given().header("Authorization", Tokens.bearer("analyst")).queryParam("sourceSystem", "snhr-victims-db")
                .queryParam("externalId", batch + "-1").when().get("/api/v1/casualties")
                .then().statusCode(200).extract().jsonPath().getString("items[0].outcome")).isEqualTo("killed");

        JsonPath real = importAndWait(changed, "text/csv", UUID.randomUUID().toString());
        assertThat(real.getBoolean("dryRun")).isFalse();
        assertThat(real.getLong("rowsUpdated")).isEqualTo(1);
        assertThat(real.getLong("rowsUnchanged")).isEqualTo(1);
        assertThat(counts(incident).getInt("named.killed.min")).isEqualTo(1);
        assertThat(counts(incident).getInt("named.injured.min")).isEqualTo(2);
        assertThat(given().header("Authorization", Tokens.bearer("analyst"))
                .queryParam("incidentId", incident).queryParam("limit", 50)
                .when().get("/api/v1/casualties")
                .then().statusCode(200).extract().jsonPath().getList("items")).hasSize(3);
    }

    @Test
    void batchesWrittenAtOnceKeepTheFilesOrder() throws Exception {
        // Three batches of 500 rows, written by concurrent transactions: a source record met again in the second and
        // the third batch must end as its last row says, with its history and events in file order.
        UUID incident = UUID.randomUUID();
        String batch = "order-" + incident;
        StringBuilder file = new StringBuilder(SeedVictims.HEADER).append('\n');
        for (int row = 1; row <= 1500; row++) {
            file.append(switch (row) {
                case 700 -> SeedVictims.row(incident, batch, 1, "female", "7", "", "injured", "true");
                case 1300 -> SeedVictims.row(incident, batch, 1, "female", "7", "", "missing", "true");
                case 1400 -> SeedVictims.row(incident, batch, row, "robot", "30", "", "killed", "false");
                default -> SeedVictims.row(incident, batch, row, "male", "30", "", "killed", "false");
            });
        }
        try (TopicReader reader = new TopicReader("shahed.casualties")) {
            JsonPath job = importAndWait(file.toString(), "text/csv", UUID.randomUUID().toString());
            assertThat(job.getString("status")).isEqualTo("completed");
            assertThat(job.getLong("rowsRead")).isEqualTo(1500);
            assertThat(job.getLong("rowsAccepted")).isEqualTo(1499);
            assertThat(job.getLong("rowsRejected")).isEqualTo(1);
            assertThat(given().header("Authorization", Tokens.bearer("ingest"))
                    .when().get("/api/v1/casualty-imports/" + job.getString("id") + "/errors")
                    .then().statusCode(200).extract().jsonPath().getList("items.row", Integer.class)).containsExactly(1400);

            assertThat(counts(incident).getInt("named.killed.min")).isEqualTo(1496);
            assertThat(counts(incident).getInt("named.missing.min")).isEqualTo(1);
            assertThat(counts(incident).getInt("named.injured.min")).isZero();
            List<Map<String, Object>> missing = given().header("Authorization", Tokens.bearer("analyst"))
                    .queryParam("incidentId", incident).queryParam("outcome", "missing")
                    .when().get("/api/v1/casualties")
                    .then().statusCode(200).extract().jsonPath().getList("items");
            assertThat(missing).hasSize(1);
            Map<String, Object> repeated = missing.get(0);
            assertThat(repeated.get("externalId")).isEqualTo(batch + "-1");
            assertThat(repeated.get("version")).isEqualTo(3);
            JsonPath history = given().header("Authorization", Tokens.bearer("analyst"))
                    .when().get("/api/v1/casualties/" + repeated.get("id") + "/history")
                    .then().statusCode(200).extract().jsonPath();
            assertThat(history.getList("items.change")).containsExactly("created", "updated", "updated");
            assertThat(history.getList("items.record.outcome")).containsExactly("killed", "injured", "missing");
            List<TopicReader.Received> events = reader.await(e -> repeated.get("id").equals(e.getSubject()), 3,
                    Duration.ofSeconds(30));
            assertThat(events).extracting(e -> e.event().getType()).containsExactly("org.shahed.casualty.created",
                    "org.shahed.casualty.updated", "org.shahed.casualty.updated");
        }
    }

    @Test
    void badRowsAreReportedWhileGoodRowsGoIn() {
        UUID incident = UUID.randomUUID();
        String batch = "bad-" + incident;
        String file = SeedVictims.HEADER + "\n"
                + SeedVictims.row(incident, batch, 1, "female", "7", "", "killed", "false")
                + SeedVictims.row(incident, batch, 2, "robot", "30", "", "killed", "false")
                + SeedVictims.row(incident, batch, 3, "male", "-4", "", "killed", "false")
                + SeedVictims.row(incident, batch, 4, "male", "30", "", "killed", "false").replace("2016-06-25", "2999-01-01")
                + SeedVictims.row(incident, batch, 5, "male", "30", "", "", "false")
                + "snhr-victims-db,too-few-cells\n"
                + SeedVictims.row(incident, batch, 7, "male", "40", "", "injured", "false")
                + SeedVictims.row(incident, batch, 8, "alien", "about forty", "", "killed", "false");
        JsonPath job = importAndWait(file, "text/csv", UUID.randomUUID().toString());
        assertThat(job.getString("status")).isEqualTo("completed");
        assertThat(job.getLong("rowsRead")).isEqualTo(8);
        assertThat(job.getLong("rowsAccepted")).isEqualTo(2);
        assertThat(job.getLong("rowsRejected")).isEqualTo(6);

        JsonPath errors = given().header("Authorization", Tokens.bearer("ingest"))
                .when().get("/api/v1/casualty-imports/" + job.getString("id") + "/errors")
                .then().statusCode(200).extract().jsonPath();
        assertThat(errors.getList("items.row", Integer.class)).containsExactly(2, 3, 4, 5, 6, 8, 8);
        assertThat(errors.getList("items.field")).containsExactly("sex", "age_years", "date", "outcome", "", "age_years", "sex");
        // Every mistake of a row, each in the file's terms: the value as written and what the column takes.
        assertThat(errors.getString("items[5].reason")).isEqualTo("'about forty' is not a valid value (a whole number)");
        assertThat(errors.getString("items[6].reason")).startsWith("'alien' is not a valid value (accepted: ")
                .contains("female").contains("male").doesNotContain("org.shahed");
        assertThat(errors.getString("items[6].externalId")).isEqualTo(batch + "-8");
        assertThat(counts(incident).getInt("named.killed.min")).isEqualTo(1);
        assertThat(counts(incident).getInt("named.injured.min")).isEqualTo(1);
    }

    @Test
    void ndjsonLinesAreRecordsAndAnUnknownFieldRejectsOnlyItsLine() {
        UUID incident = UUID.randomUUID();
        String line = "{\"incidentId\":\"%s\",\"sex\":\"female\",\"age\":{\"years\":%d},\"outcome\":\"killed\","
                + "\"status\":\"civilian\",\"documentationLevel\":\"reported\",\"sourceSystem\":\"vdc\",\"externalId\":\"%s\"%s}";
        String file = String.format(line, incident, 8, UUID.randomUUID(), "") + "\n"
                + String.format(line, incident, 35, UUID.randomUUID(), ",\"witnessPhone\":\"x\"") + "\n"
                + "{not json\n"
                + String.format(line, incident, 40, UUID.randomUUID(), "") + "\n";
        JsonPath job = importAndWait(file, "application/x-ndjson", UUID.randomUUID().toString());
        assertThat(job.getLong("rowsAccepted")).isEqualTo(2);
        assertThat(job.getLong("rowsRejected")).isEqualTo(2);
        given().header("Authorization", Tokens.bearer("ingest"))
                .when().get("/api/v1/casualty-imports/" + job.getString("id") + "/errors")
                .then().statusCode(200)
                .body("items[0].row", equalTo(2)).body("items[0].field", equalTo("witnessPhone"))
                .body("items[1].row", equalTo(3));
        assertThat(counts(incident).getInt("named.children.min")).isEqualTo(1);
        assertThat(counts(incident).getInt("named.women.min")).isEqualTo(1);
    }

    @Test
    void textWithTabsNewlinesBackslashesAndQuotesIsStoredExactly() throws Exception {
        UUID incident = UUID.randomUUID();
        String awkward = "Abu \\\"Ali\\\" al-\\\\Halabi\\tthe\\nsecond {x,y} \\\\N";
        String line = "{\"incidentId\":\"" + incident + "\",\"names\":{\"fullNameLatin\":\"" + awkward
                + "\",\"fullNameAr\":\"أبو علي\"},\"sex\":\"male\",\"outcome\":\"killed\",\"status\":\"civilian\","
                + "\"documentationLevel\":\"reported\",\"sourceSystem\":\"vdc\",\"externalId\":\"" + UUID.randomUUID() + "\"}\n";
        importAndWait(line, "application/x-ndjson", UUID.randomUUID().toString());
        JsonPath listed = given().header("Authorization", Tokens.bearer("analyst"))
                .queryParam("incidentId", incident)
                .when().get("/api/v1/casualties")
                .then().statusCode(200).extract().jsonPath();
        assertThat(listed.getString("items[0].names.fullNameLatin"))
                .isEqualTo("Abu \"Ali\" al-\\Halabi\tthe\nsecond {x,y} \\N");
        assertThat(listed.getString("items[0].names.fullNameAr")).isEqualTo("أبو علي");
        given().header("Authorization", Tokens.bearer("analyst")).queryParam("name", "Halabi")
                .when().get("/api/v1/casualties")
                .then().statusCode(200).body("items.id", Matchers.hasItem(listed.getString("items[0].id")));
        assertHistoryKeepsTheRecordAsShown(listed.getString("items[0].id"));
    }

    @Test
    void unknownColumnsWrongEncodingAndEmptyFilesAreRefusedBeforeAnything() {
        given().header("Authorization", Tokens.bearer("ingest")).contentType("text/csv")
                .body("sex,outcome,status,documentation_level,favourite_colour\nfemale,killed,civilian,reported,blue\n")
                .when().post("/api/v1/casualty-imports")
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", equalTo("favourite_colour"));
        given().header("Authorization", Tokens.bearer("ingest")).contentType("text/csv")
                .body("sex,status,documentation_level\nfemale,civilian,reported\n")
                .when().post("/api/v1/casualty-imports")
                .then().statusCode(400).body("violations[0].field", equalTo("outcome"));
        byte[] windowsArabic = (SeedVictims.HEADER + "\nsnhr,1,,محمد").getBytes(Charset.forName("windows-1256"));
        given().header("Authorization", Tokens.bearer("ingest")).contentType("text/csv").body(windowsArabic)
                .when().post("/api/v1/casualty-imports")
                .then().statusCode(400).body("violations[0].field", equalTo("encoding"));
        given().header("Authorization", Tokens.bearer("ingest")).contentType("text/csv").body(new byte[0])
                .when().post("/api/v1/casualty-imports")
                .then().statusCode(400);
        given().header("Authorization", Tokens.bearer("partner")).contentType("text/csv").body("sex\n")
                .when().post("/api/v1/casualty-imports")
                .then().statusCode(403);
    }

    static JsonPath importAndWait(String file, String contentType, String key) {
        return importAndWait(file, contentType, key, false);
    }

    static JsonPath importAndWait(String file, String contentType, String key, boolean dryRun) {
        String location = given().header("Authorization", Tokens.bearer("ingest")).header("Idempotency-Key", key)
                .queryParam("dryRun", dryRun).contentType(contentType).body(file.getBytes(StandardCharsets.UTF_8))
                .when().post("/api/v1/casualty-imports")
                .then().statusCode(202).extract().header("Location");
        return await("import " + location).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> given().header("Authorization", Tokens.bearer("ingest")).when().get(location)
                        .then().statusCode(200).extract().jsonPath(),
                        job -> List.of("completed", "failed").contains(job.getString("status")));
    }

    static JsonPath counts(UUID incident) {
        return given().header("Authorization", Tokens.bearer("analyst"))
                .when().get("/api/v1/casualty-counts/" + incident)
                .then().statusCode(200).extract().jsonPath();
    }

}
