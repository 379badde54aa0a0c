package org.shahed.platform.inbox;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.awaitility.Awaitility;
import org.jboss.logging.MDC;
import org.junit.jupiter.api.Test;
import org.shahed.testing.RealInfraResource;
import org.shahed.testing.Tokens;
import org.shahed.testing.TopicReader;

import io.opentelemetry.api.trace.Span;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/**
 * One trace from a request to the consumers of the events it caused: the write's trace goes into its event (the
 * CloudEvents traceparent extension), and the consumer applies the event in a span of that trace, with the trace id
 * in its log context.
 */
@QuarkusTest
@WithTestResource(value = RealInfraResource.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "database", value = "platform_check"))
class TraceContinuityTest {
    @Inject
    EventSubscriptions subscriptions;

    /** What a consumer saw while applying an event: the span's trace id and the log context's. */
    private record Seen(String spanTraceId, Object logTraceId) {
    }

    @Test
    void aWritesTraceIsCarriedInItsEventAndContinuedByTheConsumer() throws Exception {
        // The caller's trace (the gateway's, in life): not sampled, so nothing is exported here.
        String traceId = UUID.randomUUID().toString().replace("-", "");
        String traceparent = "00-" + traceId + "-" + traceId.substring(0, 16) + "-00";
        Map<String, Seen> seen = new ConcurrentHashMap<>();
        EventSubscriptions.Subscription subscription = subscriptions.subscribe("trace-check-" + UUID.randomUUID(),
                "shahed.platform-check", Set.of("org.shahed.test.note-created"), (event, data) -> seen.put(event.getSubject(),
                        new Seen(Span.current().getSpanContext().getTraceId(), MDC.get("traceId"))));
        try (TopicReader reader = new TopicReader("shahed.platform-check")) {
            String location = given().header("Authorization", Tokens.bearer("analyst")).header("traceparent", traceparent)
                    .contentType("application/json").body(Map.of("text", "The rescuers were struck by the second strike"))
                    .when().post("/api/v1/witness-notes").then().statusCode(201).extract().header("Location");
            String id = location.substring(location.lastIndexOf('/') + 1);

            List<TopicReader.Received> events = reader.await(TopicReader.subject(id), 1, Duration.ofSeconds(30));
            assertThat(String.valueOf(events.get(0).event().getExtension("traceparent"))).startsWith("00-" + traceId + "-");

            Seen applied = Awaitility.await("the consumer applies the event").atMost(Duration.ofSeconds(30))
                    .until(() -> seen.get(id), found -> found != null);
            assertThat(applied.spanTraceId()).isEqualTo(traceId);
            assertThat(applied.logTraceId()).isEqualTo(traceId);
        } finally {
            subscription.stop();
        }
    }
}
