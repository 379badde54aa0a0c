package org.shahed.platform.outbox;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.shahed.platform.fixture.WitnessNote;
import org.shahed.platform.fixture.WitnessNotes;
import org.shahed.testing.Database;
import org.shahed.testing.Metrics;
import org.shahed.testing.RealInfraResource;
import org.shahed.testing.TopicReader.Received;
import org.shahed.testing.TopicReader;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.cloudevents.CloudEvent;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/** The outbox against the real PostgreSQL and Kafka broker: exactly once per commit, none per rollback. */
@QuarkusTest
@WithTestResource(value = RealInfraResource.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "database", value = "platform_check"))
class OutboxTest {
    static final String TOPIC = "shahed.platform-check";

    @Inject
    WitnessNotes notes;
    @Inject
    ObjectMapper json;
    @Inject
    Outbox outbox;
    @Inject
    OutboxRelay relay;

    @Test
    void aCommittedWriteProducesExactlyOneCloudEventKeyedByTheAggregate() throws Exception {
        UUID id = UUID.randomUUID();
        try (TopicReader reader = new TopicReader(TOPIC)) {
            notes.create(id, "Second strike hit the rescuers", false);

            List<Received> events = reader.await(TopicReader.subject(id.toString()), 1, Duration.ofSeconds(30));
            assertThat(events).hasSize(1);
            // Nothing more arrives for it later (no duplicate from a second relay pass).
            assertThat(reader.readFor(TopicReader.subject(id.toString()), Duration.ofSeconds(2))).hasSize(1);

            Received received = events.get(0);
            assertThat(received.key()).isEqualTo(id.toString());
            assertThat(received.event().getSpecVersion().toString()).isEqualTo("1.0");
            assertThat(received.event().getType()).isEqualTo("org.shahed.test.note-created");
            assertThat(received.event().getSource().toString()).isEqualTo("/shahed/platform-check");
            assertThat(received.event().getTime()).isBetween(OffsetDateTime.now().minusMinutes(1), OffsetDateTime.now());
            assertThat(received.event().getDataContentType()).isEqualTo("application/json");
            JsonNode data = json.readTree(new String(received.event().getData().toBytes(), StandardCharsets.UTF_8));
            assertThat(data.get("id").asText()).isEqualTo(id.toString());
            assertThat(data.get("text").asText()).isEqualTo("Second strike hit the rescuers");

            OutboxEvent row = QuarkusTransaction.requiringNew().call(
                    () -> OutboxEvent.<OutboxEvent>find("aggregateId", id.toString()).singleResult());
            assertThat(row.id.toString()).isEqualTo(received.event().getId());
            assertThat(row.publishedAt).isNotNull();
        }
    }

    @Test
    void aRolledBackWriteProducesNoEventAndLeavesNothingBehind() {
        UUID rolledBack = UUID.randomUUID();
        UUID committedAfter = UUID.randomUUID();
        try (TopicReader reader = new TopicReader(TOPIC)) {
            assertThatThrownBy(() -> notes.create(rolledBack, "never happened", true))
                    .hasMessageContaining("simulated failure");
            notes.create(committedAfter, "happened", false);

            // The relay publishes in commit order, so once the later event is in, an earlier one would be too.
            assertThat(reader.await(TopicReader.subject(committedAfter.toString()), 1, Duration.ofSeconds(30)))
                    .hasSize(1);
            assertThat(reader.readFor(TopicReader.subject(rolledBack.toString()), Duration.ofSeconds(1))).isEmpty();
        }
        QuarkusTransaction.requiringNew().run(() -> {
            assertThat(WitnessNote.findByIdOptional(rolledBack)).isEmpty();
            assertThat(OutboxEvent.count("aggregateId", rolledBack.toString())).isZero();
        });
    }

    @Test
    void writesSucceedWhileTheBrokerIsDownAndTheirEventsArriveInOrderPerKeyOnceItIsBack() {
        UUID strikeOne = UUID.randomUUID();
        UUID strikeTwo = UUID.randomUUID();
        var kafka = RealInfraResource.infra().kafka();
        kafka.stop();
        try {
            for (int i = 1; i <= 5; i++) {
                notes.create(UUID.randomUUID(), "filler " + i, false);
                recordRevision(strikeOne, i);
                recordRevision(strikeTwo, i);
            }
            QuarkusTransaction.requiringNew().run(() -> assertThat(OutboxEvent.count(
                    "publishedAt is null and aggregateId in ?1", List.of(strikeOne.toString(), strikeTwo.toString())))
                    .isEqualTo(10));
            // The relay waits for the broker with no transaction open (one would hold back vacuum and locks).
            Awaitility.await("no transaction left open while the broker is awaited").during(Duration.ofSeconds(3))
                    .atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).until(() -> Database.count("""
                            select count(*) from pg_stat_activity where datname = current_database()
                            and state like 'idle in transaction%' and now() - state_change > interval '1 second'"""),
                            open -> open == 0);
        } finally {
            kafka.start();
        }

        try (TopicReader reader = new TopicReader(TOPIC)) {
            Predicate<CloudEvent> ours = TopicReader.subject(strikeOne.toString())
                    .or(TopicReader.subject(strikeTwo.toString()));
            // A send the broker took just as it went away may come again (at least once); consumers skip the repeat.
            List<Received> events = reader.awaitDistinct(ours, 10, Duration.ofSeconds(90));
            assertThat(events).hasSize(10);
            assertThat(revisions(events, strikeOne)).containsExactly(1, 2, 3, 4, 5);
            assertThat(revisions(events, strikeTwo)).containsExactly(1, 2, 3, 4, 5);
            // Each aggregate's events share one partition, which is what keeps them ordered for consumers.
            assertThat(events.stream().filter(e -> e.key().equals(strikeOne.toString())).map(Received::partition)
                    .distinct()).hasSize(1);
        }
    }

    @Test
    void eventsWrittenWhileTheRelayIsDownArePublishedWhenItComesBack() {
        UUID id = UUID.randomUUID();
        relay.stop();
        double publishedBefore;
        try {
            publishedBefore = Metrics.value("shahed_outbox_published_total{topic=\"" + TOPIC + "\"}");
            notes.create(id, "written while no relay runs", false);
            QuarkusTransaction.requiringNew().run(() -> assertThat(
                    OutboxEvent.<OutboxEvent>find("aggregateId", id.toString()).singleResult().publishedAt).isNull());
            // The metrics show the relay falling behind.
            Awaitility.await("the outbox shown pending").atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
                assertThat(Metrics.value("shahed_outbox_pending")).isGreaterThanOrEqualTo(1);
                assertThat(Metrics.value("shahed_outbox_oldest_pending_age_seconds")).isGreaterThan(0);
            });
        } finally {
            relay.start();
        }
        try (TopicReader reader = new TopicReader(TOPIC)) {
            assertThat(reader.await(TopicReader.subject(id.toString()), 1, Duration.ofSeconds(30))).hasSize(1);
        }
        assertThat(Metrics.value("shahed_outbox_published_total{topic=\"" + TOPIC + "\"}"))
                .isGreaterThan(publishedBefore);
    }

    @Test
    @SuppressWarnings("removal")
    void aRelayWhoseThreadEndsMakesTheServiceNotLiveAndARestartPublishesAgain() {
        Thread relayThread = Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().equals("outbox-relay")).findFirst().orElseThrow();
        UUID id = UUID.randomUUID();
        try {
            // What a failure no retry covers does (an Error): the thread ends.
            relayThread.stop();
            Awaitility.await("the service shown not live").atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                    given().when().get("/q/health/live").then().statusCode(503)
                            .body(containsString("outbox-relay")).body(containsString("ThreadDeath")));
            notes.create(id, "written while the relay's thread is gone", false);
        } finally {
            relay.stop();
            relay.start(); // what the restart of the service does
        }
        given().when().get("/q/health/live").then().statusCode(200);
        try (TopicReader reader = new TopicReader(TOPIC)) {
            assertThat(reader.await(TopicReader.subject(id.toString()), 1, Duration.ofSeconds(30))).hasSize(1);
        }
    }

    @Test
    void aBulkWritesEventsShareOneRowAndArriveAsSeparateCloudEventsInOrder() throws Exception {
        UUID strikeOne = UUID.randomUUID();
        UUID strikeTwo = UUID.randomUUID();
        List<Outbox.Event> batch = List.of(
                outbox.event(strikeOne, "org.shahed.test.strike-revised", Map.of("revision", 1)),
                outbox.event(strikeTwo, "org.shahed.test.strike-revised", Map.of("revision", 1)),
                outbox.event(strikeOne, "org.shahed.test.strike-checked", Map.of("revision", 2, "note", "\"quoted\"",
                        "place", Map.of("ar", "القورية 𝕏", "pcodes", List.of("SY09", "SY0903")))));
        try (TopicReader reader = new TopicReader(TOPIC)) {
            QuarkusTransaction.requiringNew().run(() -> outbox.recordAll("strike", batch));

            Predicate<CloudEvent> ours = TopicReader.subject(strikeOne.toString())
                    .or(TopicReader.subject(strikeTwo.toString()));
            List<Received> events = reader.await(ours, 3, Duration.ofSeconds(30));
            assertThat(reader.readFor(ours, Duration.ofSeconds(2))).hasSize(3);
            assertThat(events).extracting(e -> e.event().getId())
                    .containsExactlyInAnyOrderElementsOf(batch.stream().map(e -> e.id().toString()).toList());
            assertThat(events).allSatisfy(e -> assertThat(e.key()).isEqualTo(e.event().getSubject()));
            assertThat(revisions(events, strikeOne)).containsExactly(1, 2);
            assertThat(revisions(events, strikeTwo)).containsExactly(1);
            Received checked = events.stream().filter(e -> e.event().getType().endsWith("strike-checked")).findFirst()
                    .orElseThrow();
            // Each member's data arrives exactly as recorded: escapes, nesting, Arabic and characters beyond the BMP.
            assertThat(json.readTree(checked.event().getData().toBytes()))
                    .isEqualTo(json.valueToTree(Map.of("revision", 2, "note", "\"quoted\"",
                            "place", Map.of("ar", "القورية 𝕏", "pcodes", List.of("SY09", "SY0903")))));
            assertThat(checked.event().getExtension("aggregatetype")).isEqualTo("strike");
        }
        // One row holds the three, and it is marked published once they all went out.
        String firstId = batch.get(0).id().toString();
        QuarkusTransaction.requiringNew().run(() -> {
            OutboxEvent row = (OutboxEvent) OutboxEvent.getEntityManager().createNativeQuery(
                    "select * from outbox_event where aggregate_id = :batch and payload::text like :member",
                    OutboxEvent.class).setParameter("batch", OutboxEvent.BATCH)
                    .setParameter("member", "%" + firstId + "%").getSingleResult();
            assertThat(row.eventCount).isEqualTo(3);
            assertThat(row.publishedAt).isNotNull();
            assertThat(OutboxEvent.count("aggregateId in ?1", List.of(strikeOne.toString(), strikeTwo.toString())))
                    .isZero();
            // Batch payloads are large: compressed with lz4 where the server has it, else not compressed at all.
            Object[] payload = (Object[]) OutboxEvent.getEntityManager().createNativeQuery("""
                    select attstorage::text, attcompression::text from pg_attribute
                    where attrelid = 'outbox_event'::regclass and attname = 'payload'""").getSingleResult();
            assertThat("e".equals(payload[0]) || "l".equals(payload[1])).as("payload storage %s, compression %s",
                    payload[0], payload[1]).isTrue();
        });
    }

    private void recordRevision(UUID aggregate, int revision) {
        QuarkusTransaction.requiringNew().run(() -> outbox.record("strike", aggregate,
                "org.shahed.test.strike-revised", Map.of("revision", revision)));
    }

    private List<Integer> revisions(List<Received> events, UUID aggregate) {
        List<Integer> revisions = new ArrayList<>();
        for (Received received : events) {
            if (received.key().equals(aggregate.toString())) {
                try {
                    revisions.add(json.readTree(received.event().getData().toBytes()).get("revision").asInt());
                } catch (IOException e) {
                    throw new AssertionError(e);
                }
            }
        }
        return revisions;
    }
}
