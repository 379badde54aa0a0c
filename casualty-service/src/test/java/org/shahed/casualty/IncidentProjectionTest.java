package org.shahed.casualty;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.Supplier;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.shahed.testing.RealInfraResource;
import org.shahed.testing.TopicReader;
import org.shahed.testing.Tokens;
import org.shahed.testing.TopicWriter;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** casualty-service learns incidents only from incident-service's events, in any order, exactly once. */
@QuarkusTest
class IncidentProjectionTest {

    static String incidentEvent(UUID id, long version, String status, String party) {
        return """
                {"id": "%s", "reference": "INC-2016-900001", "version": %d, "status": "%s", "types": ["airstrike"],
                 "startAt": "2016-06-25T09:00:00Z", "adminPcodes": ["SY09", "SY0903"],
                 "perpetrators": [{"party": "%s", "involvement": "alleged", "confidence": "fair"}],
                 "deleted": false, "changedAt": "2016-06-26T00:00:00Z"}
                """.formatted(id, version, status, party);
    }

    @Test
    void aggregatesByPerpetratorAndRetractionFlagsRecordsWhateverTheOrderOfEvents() throws Exception {
        UUID incident = UUID.randomUUID();
        String party = "test-party-" + UUID.randomUUID().toString().substring(0, 8);
        List<String> records = List.of(create(incident, "female", 8), create(incident, "male", 40), create(incident, "female", 33));

        try (TopicWriter topic = new TopicWriter()) {
            topic.send("shahed.incidents", UUID.randomUUID().toString(), "/shahed/incident-service",
                    "org.shahed.incident.created", incident.toString(), incidentEvent(incident, 1, "draft", party));
            awaitTrue(() -> count(party) == 3, "3 records by " + party);

            // Version 3 (retracted) arrives before version 2 (published): the older one must not win.
            String retracted = UUID.randomUUID().toString();
            topic.send("shahed.incidents", retracted, "/shahed/incident-service", "org.shahed.incident.retracted",
                    incident.toString(), incidentEvent(incident, 3, "retracted", party));
            topic.send("shahed.incidents", UUID.randomUUID().toString(), "/shahed/incident-service",
                    "org.shahed.incident.published", incident.toString(), incidentEvent(incident, 2, "published", party + "-old"));
            topic.send("shahed.incidents", retracted, "/shahed/incident-service", "org.shahed.incident.retracted",
                    incident.toString(), incidentEvent(incident, 3, "retracted", party));
            awaitTrue(() -> "incident-retracted".equals(flag(records.get(0))), "records flagged for review");
        }
        for (String record : records) {
            assertThat(flag(record)).isEqualTo("incident-retracted");
        }
        // Flagged, never deleted: the counts still hold all three.
        assertThat(BulkImportTest.counts(incident).getInt("named.killed.min")).isEqualTo(3);
        assertThat(count(party)).isEqualTo(3);
        assertThat(count(party + "-old")).isZero();
    }

    @Test
    void aMalformedEventIsDeadLetteredAndConsumptionGoesOn() {
        UUID incident = UUID.randomUUID();
        String party = "test-party-" + UUID.randomUUID().toString().substring(0, 8);
        create(incident, "male", 20);
        try (TopicWriter topic = new TopicWriter(); TopicReader deadLetters = new TopicReader("shahed.incidents.dlq")) {
            topic.sendRaw("shahed.incidents", incident.toString(), "this is not a CloudEvent".getBytes(StandardCharsets.UTF_8));
            topic.send("shahed.incidents", UUID.randomUUID().toString(), "/shahed/incident-service",
                    "org.shahed.incident.created", incident.toString(), "{\"id\": \"" + incident + "\"}");
            topic.send("shahed.incidents", UUID.randomUUID().toString(), "/shahed/incident-service",
                    "org.shahed.incident.created", incident.toString(), incidentEvent(incident, 1, "draft", party));
            awaitTrue(() -> count(party) == 1, "the valid event after the bad ones applied");
            // The event its handler could not apply is dead-lettered as it came; so is the bytes that were no event.
            assertThat(deadLetters.await(e -> incident.toString().equals(e.getSubject()), 1, Duration.ofSeconds(15)))
                    .hasSize(1);
            assertThat(rawDeadLetters(record -> new String(record.value(), StandardCharsets.UTF_8)
                    .equals("this is not a CloudEvent"))).isNotEmpty();
            // Read as incident-events' record, the event without its required fields fails at once, naming one.
            assertThat(rawDeadLetters(record -> incident.toString().equals(record.key())
                    && !new String(record.value(), StandardCharsets.UTF_8).equals("this is not a CloudEvent")))
                    .singleElement().asString().contains("IncidentEvent").contains("reference");
        }
    }

    /**
     * The reasons of the dead letters that {@code wanted} picks, read as raw records (one that is not a CloudEvent
     * cannot be read by TopicReader); waits until at least one comes.
     */
    private static List<String> rawDeadLetters(
            Predicate<ConsumerRecord<String, byte[]>> wanted) {
        var config = new Properties();
        config.put("bootstrap.servers", RealInfraResource.infra().kafka().bootstrapServers());
        config.put("group.id", "raw-" + UUID.randomUUID());
        config.put("auto.offset.reset", "earliest");
        try (var consumer = new KafkaConsumer<String, byte[]>(config,
                new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of("shahed.incidents.dlq"));
            List<String> reasons = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            while (reasons.isEmpty() && System.nanoTime() < deadline) {
                for (var record : consumer.poll(Duration.ofMillis(500))) {
                    var reason = record.headers().lastHeader("x-shahed-dlq-reason");
                    if (reason != null && wanted.test(record)) {
                        reasons.add(new String(reason.value(), StandardCharsets.UTF_8));
                    }
                }
            }
            return reasons;
        }
    }

    @Test
    void aRecordNamingAnIncidentNotKnownYetIsPendingUntilItsEventArrives() {
        UUID incident = UUID.randomUUID();
        String record = create(incident, "male", 25);
        given().header("Authorization", Tokens.bearer("analyst")).when().get("/api/v1/casualties/" + record)
                .then().statusCode(200).body("incidentStatus", Matchers.equalTo("pending"));
        try (TopicWriter topic = new TopicWriter()) {
            topic.send("shahed.incidents", UUID.randomUUID().toString(), "/shahed/incident-service",
                    "org.shahed.incident.published", incident.toString(), incidentEvent(incident, 2, "published", "isis"));
            awaitTrue(() -> "published".equals(given().header("Authorization", Tokens.bearer("analyst"))
                    .when().get("/api/v1/casualties/" + record).then().extract().path("incidentStatus")), "the pending incident resolved");
        }
    }

    private static long count(String party) {
        List<Map<String, Object>> cells = given().header("Authorization", Tokens.bearer("analyst"))
                .queryParam("groupBy", "perpetrator").queryParam("perpetrator", party)
                .when().get("/api/v1/casualty-aggregates").then().statusCode(200).extract().jsonPath().getList("items");
        return cells.isEmpty() ? 0 : ((Number) ((Map<?, ?>) cells.get(0).get("count")).get("min")).longValue();
    }

    private static String flag(String record) {
        return given().header("Authorization", Tokens.bearer("analyst")).when().get("/api/v1/casualties/" + record)
                .then().statusCode(200).extract().path("reviewFlag");
    }

    private static String create(UUID incident, String sex, int age) {
        return given().header("Authorization", Tokens.bearer("analyst")).contentType(ContentType.JSON)
                .body("""
                        {"incidentId": "%s", "sex": "%s", "age": {"years": %d}, "outcome": "killed",
                         "status": "civilian", "date": {"on": "2016-06-25", "precision": "day"},
                         "place": {"adminPcodes": ["SY09", "SY0903"]}, "documentationLevel": "reported"}
                        """.formatted(incident, sex, age))
                .when().post("/api/v1/casualties").then().statusCode(201).extract().path("id");
    }

    private static void awaitTrue(Supplier<Boolean> condition, String what) {
        await(what).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(condition::get);
    }
}
