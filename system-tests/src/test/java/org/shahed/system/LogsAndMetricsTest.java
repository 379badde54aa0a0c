package org.shahed.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.shahed.infra.ServiceProcess;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What an operator reads of a service started as in production: its log as JSON lines, each line of a request
 * carrying the request's id, and its Prometheus metrics.
 */
@ExtendWith(RunningSuite.class)
class LogsAndMetricsTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void aServiceLogsJsonLinesWithTheRequestIdAndServesItsMetrics() throws Exception {
        RunningSuite.Suite suite = RunningSuite.suite();
        ServiceProcess replica = suite.services().startReplica("incident-service", "incident-service-json",
                Map.of("quarkus.log.console.json.enabled", "true"));
        try {
            replica.awaitReady(Duration.ofMinutes(3));
            String requestId = "log-check-" + UUID.randomUUID();
            HttpResponse<String> replayed = HTTP.send(HttpRequest.newBuilder(
                    URI.create(replica.url() + "/api/v1/admin/dead-letters/incident-service/replay"))
                    .header("Authorization", "Bearer " + suite.token("admin")).header("X-Request-Id", requestId)
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(replayed.statusCode()).as(replayed.body()).isEqualTo(200);

            // The replay logs what it did, within the request: that line names the request.
            JsonNode line = await("the request's log line").atMost(Duration.ofSeconds(20))
                    .until(() -> lineWith(replica, requestId), found -> found != null);
            assertThat(line.path("message").asText()).startsWith("Dead letters replayed");
            assertThat(line.path("level").asText()).isEqualTo("INFO");
            assertThat(line.path("loggerName").asText()).endsWith("EventSubscriptions");

            String metrics = HTTP.send(HttpRequest.newBuilder(URI.create(replica.url() + "/q/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertThat(metrics).contains("shahed_outbox_pending ", "shahed_outbox_oldest_pending_age_seconds ",
                    "shahed_outbox_published_total{", "shahed_events_applied_total{consumer=\"incident-service.casualty-summary\"}",
                    "shahed_consumer_failing{consumer=\"incident-service.casualty-summary\"} 0.0", "jvm_memory_used_bytes");
        } finally {
            suite.services().stop("incident-service-json");
        }
    }

    @Test
    void theAlertRulesAndTheDashboardNameOnlyMetricsTheSuiteServes() throws Exception {
        RunningSuite.Suite suite = RunningSuite.suite();
        // A write, so that the counters of writing and consuming exist; an import, so that its counters do.
        ConsistencyTest.createIncident();
        Api.Raw imported = Api.raw("POST", suite.url("casualty-service") + "/api/v1/casualty-imports", "Authorization",
                "Bearer " + suite.token("ingest"), "sex,outcome,status,documentation_level\nmale,killed,civilian,reported\n"
                        .getBytes(StandardCharsets.UTF_8), "Content-Type", "text/csv");
        assertThat(imported.status()).isEqualTo(202);
        Api.Raw stored = Api.raw("POST", suite.url("media-service") + "/api/v1/media", "Authorization",
                "Bearer " + suite.token("analyst"), ("%PDF-1.4\n% metrics " + UUID.randomUUID() + "\n%%EOF\n")
                        .getBytes(StandardCharsets.ISO_8859_1), "Content-Type", "application/pdf", "X-File-Name", "metrics.pdf");
        assertThat(stored.status()).as(stored.text()).isEqualTo(201);
        Path monitoring = Path.of("").toAbsolutePath().getParent().resolve("deploy/monitoring");
        String named = Files.readString(monitoring.resolve("shahed-alerts.yaml")) + Files.readString(monitoring.resolve("shahed-dashboard.json"));
        Set<String> used = new TreeSet<>();
        Matcher metric = Pattern.compile("\\b((?:shahed|kafka_consumer|resilience4j)_[a-z_]+)\\b").matcher(named);
        while (metric.find()) {
            used.add(metric.group(1));
        }
        assertThat(used).contains("shahed_outbox_oldest_pending_age_seconds", "shahed_events_dead_lettered_total",
                "shahed_imports_jobs", "resilience4j_circuitbreaker_state");
        await("every metric named served").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
            StringBuilder served = new StringBuilder();
            for (String module : List.of("incident-service", "casualty-service", "media-service", "gateway")) {
                served.append(HTTP.send(HttpRequest.newBuilder(URI.create(suite.url(module) + "/q/metrics")).build(),
                        HttpResponse.BodyHandlers.ofString()).body());
            }
            for (String name : used) {
                assertThat(served.toString()).as("a series named " + name).containsPattern("(?m)^" + name + "[{ ]");
            }
            // Each consumer's lag is served per partition too, not only as its largest.
            assertThat(served.toString()).as("consumer lag per partition")
                    .containsPattern("(?m)^shahed_consumer_lag\\{consumer=\"incident-service.casualty-summary\",partition=\"\\d+\",topic=\"[^\"]+\"\\} [0-9.]+$");
        });
    }

    /** The JSON log line whose MDC holds {@code requestId}, or null (lines from before logging starts are skipped). */
    private static JsonNode lineWith(ServiceProcess process, String requestId) throws Exception {
        List<String> lines = Files.readAllLines(process.logFile());
        for (String text : lines) {
            if (text.isBlank() || !text.startsWith("{")) {
                continue; // the JVM's own lines before logging starts
            }
            JsonNode line = Api.JSON.readTree(text);
            if (requestId.equals(line.path("mdc").path("requestId").asText(null))) {
                return line;
            }
        }
        return null;
    }
}
