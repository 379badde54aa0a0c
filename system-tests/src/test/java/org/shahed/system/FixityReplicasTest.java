package org.shahed.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.shahed.infra.ServiceProcess;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Two media-service replicas, each sweeping on its own schedule: every file gets one fixity check per interval,
 * never two (the custody log is append-only: a duplicate would stay for ever) and none skipped.
 */
@ExtendWith(RunningSuite.class)
class FixityReplicasTest {
    private static final Duration EVERY = Duration.ofSeconds(4);
    private static final Map<String, String> SWEEPING = Map.of("shahed.media.fixity.every", EVERY.toSeconds() + "s",
            "shahed.media.fixity.delay", "1s", "shahed.media.fixity.sample-size", "1000");

    @Test
    void eachFileGetsOneFixityCheckPerIntervalWhateverTheReplicas() throws Exception {
        RunningSuite.Suite suite = RunningSuite.suite();
        ServiceProcess first = suite.services().startReplica("media-service", "media-service-sweeping-1", SWEEPING);
        ServiceProcess second = suite.services().startReplica("media-service", "media-service-sweeping-2", SWEEPING);
        try {
            first.awaitReady(Duration.ofMinutes(3));
            second.awaitReady(Duration.ofMinutes(3));
            Api.Raw stored = Api.raw("POST", first.url() + "/api/v1/media", "Authorization", "Bearer " + suite.token("analyst"),
                    ("%PDF-1.4\n% fixity " + UUID.randomUUID() + "\n%%EOF\n").getBytes(StandardCharsets.ISO_8859_1),
                    "Content-Type", "application/pdf", "X-File-Name", "fixity.pdf");
            assertThat(stored.status()).as(stored.text()).isEqualTo(201);
            String id = Api.JSON.readTree(stored.text()).path("id").asText();

            // Four intervals of both replicas sweeping.
            Thread.sleep(EVERY.multipliedBy(4).toMillis());
            JsonNode custody = Api.send("GET", second.url() + "/api/v1/media/" + id + "/custody", suite.token("analyst"), null).body();
            List<Instant> checks = new ArrayList<>();
            for (JsonNode entry : custody.path("entries")) {
                if (entry.path("action").asText().equals("fixity-checked") && entry.path("actor").asText().equals("fixity-sweep")) {
                    checks.add(Instant.parse(entry.path("at").asText()));
                }
            }
            assertThat(checks).as("one check per interval, none skipped").hasSizeBetween(3, 5);
            for (int i = 1; i < checks.size(); i++) {
                assertThat(Duration.between(checks.get(i - 1), checks.get(i))).as("checks " + i + " and " + (i + 1) + " apart")
                        .isGreaterThanOrEqualTo(EVERY.multipliedBy(9).dividedBy(10));
            }
            assertThat(custody.path("check").path("intact").asBoolean(true)).isTrue();
        } finally {
            suite.services().stop("media-service-sweeping-1");
            suite.services().stop("media-service-sweeping-2");
        }
    }
}
