package org.shahed.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

import org.shahed.infra.LocalInfra;

/**
 * What the gateway adds to a call: the same GET of an incident sent directly to incident-service and through the
 * gateway (bearer token, and API key; all three with the role ingest), alternating so that all see the same
 * machine, after a warm-up.
 * Goal: gateway p50 ≤ 1.3 × direct p50.
 */
final class GatewayLatencyBenchmark {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private GatewayLatencyBenchmark() {
    }

    static void run(LocalInfra infra, Path root, Path dir, int requests) throws Exception {
        try (WholeSuite services = WholeSuite.start(infra, root, dir)) {
            // One role and organisation for every way in (a key carries partner or ingest): the ingestion script
            // reads its own organisation's draft.
            String ingest = services.ingestToken();
            String admin = infra.jwtKeys().token("benchmark-admin", Set.of("admin"), Duration.ofHours(1));
            String incident = Figures.field(send("POST", services.url("incident-service") + "/api/v1/incidents", "Authorization",
                    "Bearer " + ingest, Files.readString(root.resolve("deploy/demo/first-strike.json"))), "id");
            String key = Figures.field(send("POST", services.url("gateway") + "/api/v1/admin/api-keys", "Authorization", "Bearer " + admin,
                    "{\"name\": \"benchmark\", \"organisation\": \"bench\", \"roles\": [\"ingest\"],"
                            + " \"rateLimit\": {\"capacity\": 1000000, \"period\": \"PT1S\"}}"), "key");
            String path = "/api/v1/incidents/" + incident;
            String direct = services.url("incident-service") + path;
            String viaGateway = services.url("gateway") + path;
            System.out.printf("gateway latency benchmark: GET %s, %d requests each way, alternating%n", path, requests);

            List<Double> directTimes = new ArrayList<>();
            List<Double> gatewayTimes = new ArrayList<>();
            List<Double> keyTimes = new ArrayList<>();
            int warmUp = Math.max(4000, requests); // until the JIT has settled in all three processes (C2 still busy after 1500)
            // The three ways take turns going first, so that none always follows the same one.
            List<Callable<Double>> ways = List.of(
                    () -> timed(direct, "Authorization", "Bearer " + ingest),
                    () -> timed(viaGateway, "Authorization", "Bearer " + ingest),
                    () -> timed(viaGateway, "X-API-Key", key));
            List<List<Double>> times = List.of(directTimes, gatewayTimes, keyTimes);
            for (int i = 0; i < warmUp + requests; i++) {
                for (int turn = 0; turn < ways.size(); turn++) {
                    int way = (i + turn) % ways.size();
                    double millis = ways.get(way).call();
                    if (i >= warmUp) {
                        times.get(way).add(millis);
                    }
                }
            }
            print("direct to incident-service", directTimes);
            print("through the gateway, token", gatewayTimes);
            print("through the gateway, API key", keyTimes);
            System.out.printf("  ratio p50 gateway/direct: token %.2f, API key %.2f  (goal ≤ 1.3)%n",
                    Figures.percentile(gatewayTimes, 50) / Figures.percentile(directTimes, 50),
                    Figures.percentile(keyTimes, 50) / Figures.percentile(directTimes, 50));
            double ratio = Math.max(Figures.percentile(gatewayTimes, 50), Figures.percentile(keyTimes, 50))
                    / Figures.percentile(directTimes, 50);
            Figures.result("GET through the gateway (token or API key)", String.format("p50 %.2f ms (token), %.2f ms (key)",
                    Figures.percentile(gatewayTimes, 50), Figures.percentile(keyTimes, 50)), String.format("direct p50 %.2f ms",
                            Figures.percentile(directTimes, 50)), ratio, "p50 ≤ 1.3×", ratio <= 1.3);
        }
    }

    private static double timed(String url, String header, String value) throws Exception {
        long start = System.nanoTime();
        HttpResponse<byte[]> response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).header(header, value).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        double millis = (System.nanoTime() - start) / 1e6;
        if (response.statusCode() != 200) {
            throw new IllegalStateException(url + ": " + response.statusCode() + " " + new String(response.body(), StandardCharsets.UTF_8));
        }
        return millis;
    }

    private static void print(String what, List<Double> times) {
        System.out.printf("  %-30s p50 %6.2f ms  p90 %6.2f ms  p99 %6.2f ms%n", what, Figures.percentile(times, 50),
                Figures.percentile(times, 90), Figures.percentile(times, 99));
    }

    private static String send(String method, String url, String header, String value, String json) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).header(header, value)
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(method + " " + url + ": " + response.statusCode() + " " + response.body());
        }
        return response.body();
    }
}
