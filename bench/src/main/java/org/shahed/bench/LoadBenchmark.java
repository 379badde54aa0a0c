package org.shahed.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.shahed.infra.LocalInfra;
import org.shahed.infra.PostgresServer;

/**
 * The suite under load, through the gateway and, as the raw component, straight to the service in the same run:
 * a fixed number of connections each sending as fast as it is answered, for reads (a dashboard: GET of an incident)
 * and single writes (an ingestion script: POST of a casualty record), with throughput, p50/p99 and every answer
 * that was not 2xx counted; writes also against single-row insert transactions on the same table, and all into
 * one incident (a massacre's list) against spread ones. Then clients that drop requests in flight (killed scripts,
 * closed tabs), followed by a normal phase that must get no 503 at all.
 */
final class LoadBenchmark {
    private static final int CONNECTIONS = 16;

    /** What one phase measured. */
    private record Result(int answered, int failed, Map<Integer, Integer> failures, double perSecond, double p50, double p99) {
    }

    private LoadBenchmark() {
    }

    static void run(LocalInfra infra, Path root, Path dir, int seconds) throws Exception {
        try (WholeSuite services = WholeSuite.start(infra, root, dir)) {
            String token = "Bearer " + services.ingestToken();
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                    .executor(Executors.newFixedThreadPool(CONNECTIONS)).build();
            HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(services.url("incident-service")
                    + "/api/v1/incidents")).header("Authorization", token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(Files.readString(root.resolve("deploy/demo/first-strike.json"))))
                    .build(), HttpResponse.BodyHandlers.ofString());
            String incident = Figures.field(created.body(), "id");
            String read = "/api/v1/incidents/" + incident;
            System.out.printf("load benchmark: %d connections, %d s per phase, each way warmed up until its rate settles%n",
                    CONNECTIONS, seconds);

            for (String base : List.of(services.url("incident-service"), services.url("gateway"))) {
                warmUp(http, base, read, token, null, seconds, null);
            }
            Result directReads = phase(http, services.url("incident-service"), read, token, null, seconds);
            Result gatewayReads = phase(http, services.url("gateway"), read, token, null, seconds);
            print("reads, direct", directReads);
            print("reads, through the gateway", gatewayReads);
            System.out.printf("  ratio reads gateway/direct: %.2f  (goal ≥ 0.8)%n", gatewayReads.perSecond() / directReads.perSecond());
            Figures.result("reads at saturation (" + CONNECTIONS + " connections)", String.format("%.0f/s through the gateway",
                    gatewayReads.perSecond()), String.format("%.0f/s direct", directReads.perSecond()),
                    gatewayReads.perSecond() / directReads.perSecond(), "≥ 0.8×", gatewayReads.perSecond() >= 0.8 * directReads.perSecond());

            for (String base : List.of(services.url("casualty-service"), services.url("gateway"))) {
                warmUp(http, base, "/api/v1/casualties", token, "warm-up", seconds, null);
            }
            String casualtyDb = infra.serviceConfig("casualty").get("quarkus.datasource.jdbc.url");
            Result sqlInserts = singleRowInserts(casualtyDb, seconds);
            Result directWrites = phase(http, services.url("casualty-service"), "/api/v1/casualties", token, "direct", seconds);
            Result gatewayWrites = phase(http, services.url("gateway"), "/api/v1/casualties", token, "gateway", seconds);
            warmUp(http, services.url("gateway"), "/api/v1/casualties", token, "warm-up-one", seconds, incident);
            Result oneIncident = phase(http, services.url("gateway"), "/api/v1/casualties", token, "one", seconds, incident);
            print("single-row inserts (SQL)", sqlInserts);
            print("single writes, direct", directWrites);
            print("single writes, through the gateway", gatewayWrites);
            print("writes into one incident (gateway)", oneIncident);
            double writeRatio = gatewayWrites.perSecond() / sqlInserts.perSecond();
            System.out.printf("  ratio writes gateway/SQL: %.2f (goal ≥ 0.5, p99 ≤ 100 ms); gateway/direct: %.2f%n",
                    writeRatio, gatewayWrites.perSecond() / directWrites.perSecond());
            Figures.result("single casualty writes (" + CONNECTIONS + " connections)", String.format(
                    "%.0f/s through the gateway, p99 %.0f ms", gatewayWrites.perSecond(), gatewayWrites.p99()),
                    String.format("%.0f/s single-row insert transactions", sqlInserts.perSecond()), writeRatio,
                    "≥ 0.5×, p99 ≤ 100 ms", writeRatio >= 0.5 && gatewayWrites.p99() <= 100);
            double oneRatio = oneIncident.perSecond() / gatewayWrites.perSecond();
            System.out.printf("  ratio writes into one incident/spread: %.2f (goal ≥ 0.8)%n", oneRatio);
            Figures.result("writes into one incident", String.format("%.0f/s, p99 %.0f ms", oneIncident.perSecond(),
                    oneIncident.p99()), String.format("%.0f/s spread (no incident)", gatewayWrites.perSecond()), oneRatio,
                    "≥ 0.8×", oneRatio >= 0.8);

            // Clients that go away with requests in flight, reads and writes, three times over.
            URI gateway = URI.create(services.url("gateway"));
            for (int round = 0; round < 3; round++) {
                abandon(gateway, read, token, null);
                abandon(gateway, "/api/v1/casualties", token, casualty("abandoned-" + round, null));
            }
            Result afterReads = phase(http, services.url("gateway"), read, token, null, seconds);
            Result afterWrites = phase(http, services.url("gateway"), "/api/v1/casualties", token, "after", seconds);
            print("reads after clients dropped theirs", afterReads);
            print("writes after clients dropped theirs", afterWrites);
            int unavailable = afterReads.failures().getOrDefault(503, 0) + afterWrites.failures().getOrDefault(503, 0);
            System.out.printf("  answers other than 2xx after clients aborted: %d, of them 503: %d  (goal 0)%n",
                    afterReads.failed() + afterWrites.failed(), unavailable);
            Figures.result("after clients dropped requests in flight", String.format("%d answers not 2xx (%d of them 503)",
                    afterReads.failed() + afterWrites.failed(), unavailable), "", Double.NaN, "none",
                    afterReads.failed() + afterWrites.failed() == 0);
        }
    }

    private static Result phase(HttpClient http, String base, String path, String token, String batch, int seconds)
            throws Exception {
        return phase(http, base, path, token, batch, seconds, null);
    }

    /**
     * Rounds of a phase until two in a row differ by less than a tenth (at most eight): the services' JIT compilers
     * take minutes on two cores, and a phase timed while they work measures them.
     */
    private static void warmUp(HttpClient http, String base, String path, String token, String batch, int seconds,
            String incident) throws Exception {
        // A run of a few seconds a phase only proves the benchmark still runs: one short round.
        boolean smoke = seconds < 10;
        int round = smoke ? 2 : Math.max(5, seconds / 2);
        double before = phase(http, base, path, token, batch, round, incident).perSecond();
        StringBuilder rates = new StringBuilder(String.format("%.0f", before));
        for (int i = 1; i < (smoke ? 1 : 8); i++) {
            double now = phase(http, base, path, token, batch, round, incident).perSecond();
            rates.append(String.format(", %.0f", now));
            if (Math.abs(now - before) < 0.1 * before) {
                break;
            }
            before = now;
        }
        System.out.printf("  warm-up, %s %s%s: %s/s%n", batch == null ? "GET" : "POST", path,
                incident == null ? "" : " (one incident)", rates);
    }

    /**
     * {@code CONNECTIONS} clients in a closed loop for {@code seconds}: a GET of {@code path}, or a POST of a record
     * (of {@code incident}, if given) when batch is set.
     */
    private static Result phase(HttpClient http, String base, String path, String token, String batch, int seconds,
            String incident) throws Exception {
        long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        List<List<Double>> times = new ArrayList<>();
        Map<Integer, Integer> failures = new ConcurrentHashMap<>();
        AtomicInteger counter = new AtomicInteger();
        ExecutorService clients = Executors.newFixedThreadPool(CONNECTIONS);
        try {
            List<Future<List<Double>>> running = new ArrayList<>();
            for (int c = 0; c < CONNECTIONS; c++) {
                running.add(clients.submit(() -> {
                    List<Double> mine = new ArrayList<>();
                    while (System.nanoTime() < end) {
                        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                                .header("Authorization", token).timeout(Duration.ofSeconds(30));
                        if (batch != null) {
                            request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                                    casualty(batch + "-" + counter.incrementAndGet(), incident)));
                        }
                        long start = System.nanoTime();
                        int status;
                        try {
                            status = http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
                        } catch (IOException e) {
                            status = 0; // no answer at all
                        }
                        if (status >= 200 && status < 300) {
                            mine.add((System.nanoTime() - start) / 1e6);
                        } else {
                            failures.merge(status, 1, Integer::sum);
                        }
                    }
                    return mine;
                }));
            }
            for (Future<List<Double>> client : running) {
                times.add(client.get());
            }
        } finally {
            clients.shutdownNow();
        }
        List<Double> all = new ArrayList<>();
        times.forEach(all::addAll);
        Collections.sort(all);
        int failed = failures.values().stream().mapToInt(Integer::intValue).sum();
        return new Result(all.size(), failed, failures, all.size() / (double) seconds, Figures.percentile(all, 50), Figures.percentile(all, 99));
    }

    /** {@code CONNECTIONS} clients send a request and close their connection before it is answered. */
    private static void abandon(URI gateway, String path, String token, String body) throws Exception {
        List<Socket> clients = new ArrayList<>();
        for (int i = 0; i < CONNECTIONS; i++) {
            Socket socket = new Socket(gateway.getHost(), gateway.getPort());
            OutputStream out = socket.getOutputStream();
            byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
            out.write(((body == null ? "GET " : "POST ") + path + " HTTP/1.1\r\nHost: gateway\r\nAuthorization: " + token
                    + (body == null ? "" : "\r\nContent-Type: application/json\r\nContent-Length: " + content.length)
                    + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(content);
            out.flush();
            clients.add(socket);
        }
        Thread.sleep(2); // in flight: sent, not yet answered
        for (Socket socket : clients) {
            socket.setSoLinger(true, 0); // a reset, as a killed process leaves
            socket.close();
        }
    }

    private static String casualty(String externalId, String incident) {
        return """
                {%s"names": {"fullNameLatin": "Load Victim %s"}, "sex": "male", "age": {"years": 30}, "outcome": "killed",
                 "status": "civilian", "documentationLevel": "reported", "sourceSystem": "load-bench", "externalId": "%s-%s"}"""
                .formatted(incident == null ? "" : "\"incidentId\": \"" + incident + "\", ", externalId, externalId,
                        UUID.randomUUID());
    }

    /**
     * The raw component of single writes: {@code CONNECTIONS} connections each committing one row at a time into
     * the casualty table (its indexes and triggers), a copy of a record the API wrote with a new id, reference and
     * source id, for {@code seconds}.
     */
    private static Result singleRowInserts(String jdbc, int seconds) throws Exception {
        List<String> columns = new ArrayList<>();
        List<String> template = new ArrayList<>();
        try (Connection db = DriverManager.getConnection(jdbc, PostgresServer.USER, "");
                Statement statement = db.createStatement();
                ResultSet row = statement.executeQuery("select * from casualty where source_system = 'load-bench' limit 1")) {
            if (!row.next()) {
                throw new IllegalStateException("no record written by the load benchmark to copy");
            }
            for (int i = 1; i <= row.getMetaData().getColumnCount(); i++) {
                columns.add(row.getMetaData().getColumnName(i));
                template.add(row.getString(i));
            }
        }
        String insert = "insert into casualty (" + String.join(", ", columns) + ") values ("
                + String.join(", ", Collections.nCopies(columns.size(), "?")) + ")";
        long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        AtomicInteger counter = new AtomicInteger();
        ExecutorService clients = Executors.newFixedThreadPool(CONNECTIONS);
        List<Double> all = Collections.synchronizedList(new ArrayList<>());
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < CONNECTIONS; c++) {
                running.add(clients.submit(() -> {
                    try (Connection db = DriverManager.getConnection(jdbc, PostgresServer.USER, "");
                            PreparedStatement statement = db.prepareStatement(insert)) {
                        while (System.nanoTime() < end) {
                            int n = counter.incrementAndGet();
                            for (int i = 0; i < columns.size(); i++) {
                                String value = switch (columns.get(i)) {
                                    case "id" -> UUID.randomUUID().toString();
                                    case "reference" -> "SQL-" + n;
                                    case "external_id" -> "sql-" + n + "-" + UUID.randomUUID();
                                    case "change_seq" -> Long.toString(-n);
                                    default -> template.get(i);
                                };
                                statement.setObject(i + 1, value, Types.OTHER);
                            }
                            long start = System.nanoTime();
                            statement.executeUpdate(); // autocommit: one transaction per row
                            all.add((System.nanoTime() - start) / 1e6);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> client : running) {
                client.get();
            }
        } finally {
            clients.shutdownNow();
        }
        List<Double> sorted = new ArrayList<>(all);
        Collections.sort(sorted);
        return new Result(sorted.size(), 0, Map.of(), sorted.size() / (double) seconds, Figures.percentile(sorted, 50),
                Figures.percentile(sorted, 99));
    }

    private static void print(String what, Result result) {
        System.out.printf("  %-38s %8.0f/s  p50 %6.2f ms  p99 %7.2f ms  not 2xx: %d %s%n", what, result.perSecond(),
                result.p50(), result.p99(), result.failed(), result.failures().isEmpty() ? "" : result.failures());
    }
}
