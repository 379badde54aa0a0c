package org.shahed.platform.inbox;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.shahed.testing.TopicWriter;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/**
 * Consumers under failure: a handler that fails for a while (a database fail-over) is tried again, further and
 * further apart, and its event applied rather than dead-lettered; a consumer whose loop fails (here: its dead
 * letter cannot be written) does not end while the service looks healthy, it is shown failing and starts again.
 */
@QuarkusTest
class ConsumerRestartTest {
    @Inject
    EventSubscriptions subscriptions;

    @Test
    void aHandlerFailingForAWhileHasItsEventAppliedNotDeadLettered() throws InterruptedException {
        String group = "retry-check-" + UUID.randomUUID();
        String type = "org.shahed.check.happened";
        AtomicInteger calls = new AtomicInteger();
        List<String> applied = new CopyOnWriteArrayList<>();
        EventSubscriptions.Subscription subscription = subscriptions.subscribe(group, "shahed.consumer-check",
                Set.of(type), (event, data) -> {
                    if (calls.incrementAndGet() <= 4) {
                        throw new IllegalStateException("the database is failing over");
                    }
                    applied.add(event.getId());
                });
        try (TopicWriter topic = new TopicWriter()) {
            String eventId = UUID.randomUUID().toString();
            topic.send("shahed.consumer-check", eventId, "/shahed/check", type, "subject", "{}");
            await(() -> !applied.isEmpty(), Duration.ofSeconds(60));
            assertThat(applied).containsExactly(eventId);
            assertThat(calls.get()).isEqualTo(5);
        } finally {
            subscription.stop();
        }
    }

    @Test
    void aConsumerWhoseLoopFailsIsShownFailingAndStartsAgain() throws InterruptedException {
        String group = "restart-check-" + UUID.randomUUID();
        // Kafka refuses topic names over 249 characters: this one's dead-letter topic cannot exist.
        String topicName = "shahed.restart-check-" + "x".repeat(249 - "shahed.restart-check-".length());
        EventSubscriptions.Subscription subscription = subscriptions.subscribe(group, topicName,
                Set.of("org.shahed.check.happened"), (event, data) -> {
                });
        try (TopicWriter topic = new TopicWriter()) {
            topic.sendRaw(topicName, "key", "not a CloudEvent".getBytes(StandardCharsets.UTF_8));
            await(() -> state(group).restarts() >= 2, Duration.ofSeconds(90));
            assertThat(state(group).consuming()).isFalse();
            assertThat(state(group).failure()).contains("dead-letter");
            given().when().get("/q/health/live").then().statusCode(503).body(containsString(group))
                    .body(containsString("failing since"));
        } finally {
            subscription.stop();
        }
        assertThat(subscriptions.states()).noneMatch(state -> state.group().equals(group));
    }

    private EventSubscriptions.Subscription.State state(String group) {
        return subscriptions.states().stream().filter(state -> state.group().equals(group)).findFirst().orElseThrow();
    }

    private static void await(BooleanSupplier condition, Duration timeout) {
        Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(100)).until(condition::getAsBoolean);
    }
}
