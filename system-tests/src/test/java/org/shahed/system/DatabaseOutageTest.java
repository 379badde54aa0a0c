package org.shahed.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.shahed.infra.PostgresServer;
import org.shahed.infra.ServiceProcess;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A service's database away for a while (a fail-over, a restart): the events that reach its consumers meanwhile
 * cannot be applied, are tried again until it is back, and are then applied, each once; none is dead-lettered. The
 * consumer's lines about an event carry the trace of the request that caused it, as the gateway recorded it.
 */
@ExtendWith(RunningSuite.class)
class DatabaseOutageTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void eventsThatArriveWhileTheDatabaseIsAwayAreAppliedOnceItIsBackAndNoneIsDeadLettered() throws Exception {
        RunningSuite.Suite suite = RunningSuite.suite();
        String incident = ConsistencyTest.createIncident();
        double deadLettersBefore = deadLettered(suite);
        String requestId = "outage-" + UUID.randomUUID();
        Instant before = Instant.now();
        try (Connection postgres = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:"
                + suite.infra().postgres().port() + "/postgres", PostgresServer.USER, "");
                Statement statement = postgres.createStatement()) {
            // incident-service's database goes away: no connection is accepted, and the open ones are cut.
            statement.execute("ALTER DATABASE incident ALLOW_CONNECTIONS false");
            try {
                statement.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = 'incident'");
                await("incident-service not ready without its database").atMost(Duration.ofSeconds(30))
                        .pollInterval(Duration.ofMillis(500)).until(() -> status(suite, "/q/health/ready") == 503);
                // Casualty records are written meanwhile (casualty-service is fine): their events reach
                // incident-service, whose consumer keeps failing to apply them while the outage lasts.
                Api.Reply traced = Api.send("POST", suite.url("gateway") + "/api/v1/casualties", suite.token("ingest"),
                        ConsistencyTest.victim(incident, "traced-" + UUID.randomUUID(), 1, "killed"), "X-Request-Id", requestId);
                assertThat(traced.status()).as(traced.body().toString()).isEqualTo(201);
                ConsistencyTest.writeConcurrently(incident, UUID.randomUUID().toString(), 11);
                await("the consumer failing on the outage").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                        .until(() -> failedAttemptsLogged(suite));
                Thread.sleep(5000); // the outage goes on for a while
            } finally {
                statement.execute("ALTER DATABASE incident ALLOW_CONNECTIONS true");
            }
        }
        ConsistencyTest.awaitSummary(incident, 12, 12, 0, 0);
        assertThat(deadLettered(suite)).as("events dead-lettered by incident-service").isEqualTo(deadLettersBefore);
        assertThat(status(suite, "/q/health/ready")).isEqualTo(200);

        // One trace from the gateway to the consumer: the first write's trace id, as the gateway's audit log has it,
        // is on the consumer's log lines about that write's event.
        JsonNode entries = Api.awaitBody(suite.url("gateway") + "/api/v1/admin/audit-log?method=POST&limit=500&from=" + before,
                suite.token("admin"), page -> traceIdOf(page, requestId) != null, Duration.ofSeconds(30));
        String traceId = traceIdOf(entries, requestId);
        assertThat(traceId).matches("[0-9a-f]{32}");
        assertThat(consumerLinesWith(suite, traceId)).as("incident-service's log lines of the event's failed attempts")
                .anyMatch(line -> line.contains("casualty-summary: event"));
    }

    private static String traceIdOf(JsonNode page, String requestId) {
        for (JsonNode entry : page.path("items")) {
            if (requestId.equals(entry.path("requestId").asText())) {
                return entry.path("traceId").asText(null);
            }
        }
        return null;
    }

    private static List<String> consumerLinesWith(RunningSuite.Suite suite, String traceId) throws IOException {
        for (ServiceProcess process : suite.services().running()) {
            if (process.name().equals("incident-service")) {
                return Files.readAllLines(process.logFile()).stream().filter(line -> line.contains(traceId)).toList();
            }
        }
        return List.of();
    }

    private static int status(RunningSuite.Suite suite, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(suite.url("incident-service") + path)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** The consumer logs each failed attempt at an event; the outage makes some. */
    private static boolean failedAttemptsLogged(RunningSuite.Suite suite) throws IOException {
        for (ServiceProcess process : suite.services().running()) {
            if (process.name().equals("incident-service")
                    && Files.readString(process.logFile()).contains("incident-service.casualty-summary: event")) {
                return true;
            }
        }
        return false;
    }

    private static double deadLettered(RunningSuite.Suite suite) throws Exception {
        return metric(suite, "shahed_events_dead_lettered_total{consumer=\"incident-service.casualty-summary\"}");
    }

    /** A series' value in incident-service's metrics (0 when absent). */
    private static double metric(RunningSuite.Suite suite, String series) throws Exception {
        String metrics = HTTP.send(HttpRequest.newBuilder(URI.create(suite.url("incident-service") + "/q/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        for (String line : metrics.split("\n")) {
            if (line.startsWith(series + " ")) {
                return Double.parseDouble(line.substring(series.length() + 1).trim());
            }
        }
        return 0;
    }
}
