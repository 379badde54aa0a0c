package org.shahed.platform.inbox;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import org.shahed.testing.Metrics;
import org.shahed.testing.Tokens;
import org.shahed.testing.TopicWriter;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;

/**
 * A consumer whose handler has a bug dead-letters the event after its retries; once the bug is fixed, an admin
 * replays the letter and the event is applied, once, however often the replay is asked for.
 */
@QuarkusTest
class DeadLetterReplayTest {
    private static final String LETTERS = "/api/v1/admin/dead-letters/platform-integration-test";

    @Inject
    EventSubscriptions subscriptions;

    @Test
    void aConsumerThatNeverDeadLetteredHasNoLettersAndNothingToReplay() {
        String group = "fresh-check-" + UUID.randomUUID();
        EventSubscriptions.Subscription subscription = subscriptions.subscribe(group, "shahed.fresh-check-" + UUID.randomUUID(),
                Set.of("org.shahed.check.happened"), (event, data) -> {
                });
        try {
            given().header("Authorization", Tokens.bearer("admin")).queryParam("consumer", group)
                    .when().get(LETTERS).then().statusCode(200).body("items.size()", equalTo(0));
            given().header("Authorization", Tokens.bearer("admin")).queryParam("consumer", group)
                    .when().post(LETTERS + "/replay").then().statusCode(200)
                    .body("applied", equalTo(0)).body("alreadyApplied", equalTo(0)).body("failed.size()", equalTo(0));
        } finally {
            subscription.stop();
        }
    }

    @Test
    void aDeadLetteredEventIsReplayedAfterTheFixAndAppliedOnce() {
        String group = "replay-check-" + UUID.randomUUID();
        String type = "org.shahed.check.counts-changed";
        AtomicBoolean bugged = new AtomicBoolean(true);
        List<String> applied = new CopyOnWriteArrayList<>();
        EventSubscriptions.Subscription subscription = subscriptions.subscribe(group, "shahed.replay-check", Set.of(type),
                (event, data) -> {
                    if (bugged.get()) {
                        throw new IllegalStateException("a bug in the handler");
                    }
                    applied.add(event.getId());
                });
        try (TopicWriter topic = new TopicWriter()) {
            String eventId = UUID.randomUUID().toString();
            topic.send("shahed.replay-check", eventId, "/shahed/check", type, "incident-1", "{\"killed\": 62}");

            JsonPath letters = await("the event dead-lettered").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> given().header("Authorization", Tokens.bearer("admin")).queryParam("consumer", group)
                            .when().get(LETTERS).then().statusCode(200).extract().jsonPath(),
                            page -> page.getList("items").size() == 1);
            assertThat(letters.getString("items[0].eventId")).isEqualTo(eventId);
            assertThat(letters.getString("items[0].type")).isEqualTo(type);
            assertThat(letters.getString("items[0].reason")).contains("a bug in the handler");
            assertThat(letters.getString("items[0].origin")).startsWith("shahed.replay-check/");
            assertThat(applied).isEmpty();
            assertThat(Metrics.value("shahed_events_dead_lettered_total{consumer=\"" + group + "\"}")).isEqualTo(1.0);

            bugged.set(false);
            given().header("Authorization", Tokens.bearer("admin")).queryParam("consumer", group)
                    .when().post(LETTERS + "/replay").then().statusCode(200)
                    .body("applied", equalTo(1)).body("alreadyApplied", equalTo(0)).body("failed.size()", equalTo(0));
            given().header("Authorization", Tokens.bearer("admin")).queryParam("consumer", group)
                    .when().post(LETTERS + "/replay").then().statusCode(200)
                    .body("applied", equalTo(0)).body("alreadyApplied", equalTo(1));
            assertThat(applied).containsExactly(eventId);
            // The consumer's own metrics and its client's (its largest lag among them), while it runs.
            String scraped = Metrics.scrape();
            assertThat(scraped).contains("kafka_consumer_fetch_manager_records_lag_max{").contains("consumer=\"" + group + "\"")
                    .contains("shahed_consumer_failing{consumer=\"" + group + "\"} 0.0");
        } finally {
            subscription.stop();
        }
        given().header("Authorization", Tokens.bearer("analyst")).when().post(LETTERS + "/replay").then().statusCode(403);
        given().header("Authorization", Tokens.bearer("admin")).when().get("/api/v1/admin/dead-letters/media-service")
                .then().statusCode(404);
    }

}
