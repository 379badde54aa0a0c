package org.shahed.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * casualty-service owns the records, incident-service keeps each incident's summary from their counts-changed
 * events: with both running as in production (through the gateway, over Kafka), the summary converges to the
 * records whatever the concurrency, and a consumer that was down catches up.
 */
@ExtendWith(RunningSuite.class)
class ConsistencyTest {
    static RunningSuite.Suite suite() {
        return RunningSuite.suite();
    }

    static String gateway() {
        return suite().url("gateway");
    }

    static String createIncident() throws Exception {
        Path firstStrike = Path.of("").toAbsolutePath().getParent().resolve("deploy/demo/first-strike.json");
        Api.Reply created = Api.send("POST", gateway() + "/api/v1/incidents", suite().token("analyst"),
                Files.readString(firstStrike));
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        return created.body().path("id").asText();
    }

    /** Record {@code n} of the Al Qouriyah victims: 1–30 children, 31–50 women, 51–62 men (all killed). */
    static String victim(String incident, String batch, int n, String outcome) {
        String sex = n <= 30 ? (n % 2 == 0 ? "female" : "male") : n <= 50 ? "female" : "male";
        int age = n <= 30 ? 2 + n % 15 : 20 + n % 40;
        return """
                {"incidentId": "%s", "names": {"fullNameLatin": "Synthetic Victim %d"}, "sex": "%s", "age": {"years": %d},
                 "outcome": "%s", "status": "civilian", "documentationLevel": "corroborated",
                 "sourceSystem": "system-test", "externalId": "%s-%d"}""".formatted(incident, n, sex, age, outcome, batch, n);
    }

    /** Writes the records from 8 threads at once; returns each reply in record order. */
    static List<Api.Reply> writeConcurrently(String incident, String batch, int count) throws Exception {
        ExecutorService writers = Executors.newFixedThreadPool(8);
        try {
            List<Future<Api.Reply>> replies = new ArrayList<>();
            for (int n = 1; n <= count; n++) {
                int record = n;
                replies.add(writers.submit(() -> Api.send("POST", gateway() + "/api/v1/casualties", suite().token("ingest"),
                        victim(incident, batch, record, "killed"))));
            }
            List<Api.Reply> done = new ArrayList<>();
            for (Future<Api.Reply> reply : replies) {
                done.add(reply.get());
                assertThat(done.get(done.size() - 1).status()).as(done.get(done.size() - 1).body().toString()).isEqualTo(201);
            }
            return done;
        } finally {
            writers.shutdownNow();
        }
    }

    static JsonNode awaitSummary(String incident, int killed, int children, int women, int injured) {
        return Api.awaitBody(gateway() + "/api/v1/incidents/" + incident, suite().token("analyst"), body -> {
            JsonNode summary = body.path("casualtySummary");
            return summary.path("killed").path("min").asInt(-1) == killed
                    && summary.path("killed").path("max").asInt(-1) == killed
                    && summary.path("children").path("min").asInt(-1) == children
                    && summary.path("children").path("max").asInt(-1) == children
                    && summary.path("women").path("min").asInt(-1) == women
                    && summary.path("women").path("max").asInt(-1) == women
                    && summary.path("injured").path("min").asInt(-1) == injured;
        }, Duration.ofSeconds(60)).path("casualtySummary");
    }

    @Test
    void sixtyTwoRecordsWrittenConcurrentlyGiveTheReportsFiguresAndEditsMoveThem() throws Exception {
        String incident = createIncident();
        String batch = UUID.randomUUID().toString();
        List<Api.Reply> written = writeConcurrently(incident, batch, 62);
        JsonNode summary = awaitSummary(incident, 62, 30, 20, 0);
        assertThat(summary.path("men").path("min").asInt()).isEqualTo(12);

        // A child found injured, not killed; a woman's record withdrawn (soft delete): the summary follows.
        Api.Reply child = written.get(0);
        Api.Reply edited = Api.send("PUT", gateway() + "/api/v1/casualties/" + child.body().path("id").asText(),
                suite().token("analyst"), victim(incident, batch, 1, "injured"), "If-Match", child.etag());
        assertThat(edited.status()).as(edited.body().toString()).isEqualTo(200);
        Api.Reply woman = written.get(40);
        Api.Reply deleted = Api.send("DELETE", gateway() + "/api/v1/casualties/" + woman.body().path("id").asText(),
                suite().token("analyst"), null, "If-Match", woman.etag());
        assertThat(deleted.status()).isEqualTo(204);
        awaitSummary(incident, 60, 29, 19, 1);
    }

    @Test
    void aConsumerThatWasDownCatchesUpWithEverythingWrittenMeanwhile() throws Exception {
        String incident = createIncident();
        suite().services().stop("incident-service");
        try {
            writeConcurrently(incident, UUID.randomUUID().toString(), 25);
        } finally {
            suite().services().start("incident-service");
            suite().services().awaitReady(Duration.ofMinutes(3));
        }
        awaitSummary(incident, 25, 25, 0, 0);
    }
}
