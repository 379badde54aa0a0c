package org.shahed.bench;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.postgresql.PGConnection;
import org.shahed.infra.LocalInfra;
import org.shahed.infra.PostgresServer;

/**
 * What a partner pulls in bulk, through the gateway, against PostgreSQL writing the same rows with
 * {@code COPY (select …) TO STDOUT} in the same run: the casualty list as CSV and as NDJSON, the incidents as GeoJSON,
 * and the casualty changes feed paged from zero. Each service runs with a 256 MB heap, so an export that held its
 * rows in memory would fail rather than be slow.
 */
final class ExportsBenchmark {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private static final int FEED_PAGE = 500;

    private ExportsBenchmark() {
    }

    /** What one timed read took: seconds to the end, milliseconds to the first byte, bytes. */
    record Read(double seconds, double firstByteMillis, long bytes) {
    }

    static void run(LocalInfra infra, Path root, Path dir, int records, int incidents) throws Exception {
        try (WholeSuite suite = WholeSuite.start(infra, root, dir)) {
            String gateway = suite.url("gateway");
            String analyst = WholeSuite.token(infra, "bench-analyst", "analyst");
            String reviewer = WholeSuite.token(infra, "bench-reviewer", "reviewer");
            String partner = WholeSuite.token(infra, "bench-partner", "partner");
            String strike = Files.readString(root.resolve("deploy/demo/first-strike.json"));
            System.out.printf("exports benchmark: %,d casualty records of one published incident and %,d published incidents,"
                    + " read by a partner through the gateway%n", records, incidents);

            // The data: one published incident holding every record (imported in one job), and more incidents.
            String incident = publishedIncident(gateway, strike, analyst, reviewer);
            Path csv = dir.resolve("records.csv");
            Benchmarks.writeRows(csv, records, "bench-exports", row -> incident, row -> row % 2 == 0);
            Benchmarks.importFile(gateway, suite.ingestToken(), csv, records);
            ExecutorService writers = Executors.newFixedThreadPool(8);
            try {
                List<Future<String>> made = new ArrayList<>();
                for (int i = 1; i < incidents; i++) {
                    made.add(writers.submit(() -> publishedIncident(gateway, strike, analyst, reviewer)));
                }
                for (Future<String> one : made) {
                    one.get();
                }
            } finally {
                writers.shutdownNow();
            }
            awaitPartnerSees(gateway + "/api/v1/casualties?limit=1&incidentId=" + incident, partner);
            awaitPartnerSees(gateway + "/api/v1/incidents?limit=1", partner);

            String casualtyDb = infra.serviceConfig("casualty").get("quarkus.datasource.jdbc.url");
            String incidentDb = infra.serviceConfig("incident").get("quarkus.datasource.jdbc.url");
            String ofIncident = " from casualty where incident_id = '" + incident + "' and deleted_at is null"
                    + " and merged_into is null order by id";
            // Each read once to warm every process's code, then timed: export and COPY take turns.
            List<String[]> paths = List.of(
                    new String[] { "casualties CSV", gateway + "/api/v1/casualties/export.csv?incidentId=" + incident,
                            casualtyDb, "copy (select id, reference, incident_id, document, version, updated_at" + ofIncident
                                    + ") to stdout with (format csv, header)" },
                    new String[] { "casualties NDJSON", gateway + "/api/v1/casualties/export.ndjson?incidentId=" + incident,
                            casualtyDb, "copy (select document" + ofIncident + ") to stdout" },
                    new String[] { "incidents GeoJSON", gateway + "/api/v1/incidents/export.geojson", incidentDb,
                            "copy (select id, document from incident where status = 'published' order by id) to stdout" },
                    new String[] { "casualty changes from zero", gateway + "/api/v1/casualties/changes?limit=" + FEED_PAGE,
                            casualtyDb, "copy (select id, version, last_change, change_txid, change_seq, document from casualty"
                                    + " order by change_txid, change_seq) to stdout" });
            for (String[] path : paths) {
                String[] direct = path.clone();
                direct[1] = path[1].replace(gateway, suite.url(path[0].startsWith("incidents") ? "incident-service"
                        : "casualty-service"));
                read(path, partner);
                copy(path[2], path[3]);
                Read export = read(path, partner);
                Read raw = copy(path[2], path[3]);
                // Straight to the service as well, to tell the gateway's share from the service's.
                Read service = read(direct, partner);
                double ratio = raw.seconds() / export.seconds();
                double goal = path[0].startsWith("casualty changes") ? 0.3 : 0.5;
                System.out.printf("  %-27s through the gateway %8.2f s (first byte %6.0f ms, %,7.1f MB); straight to"
                        + " the service %7.2f s; COPY %7.2f s (%,7.1f MB): ratio %.2f%n", path[0], export.seconds(),
                        export.firstByteMillis(), export.bytes() / 1e6, service.seconds(), raw.seconds(),
                        raw.bytes() / 1e6, ratio);
                Figures.result("exports: " + path[0] + (path[0].startsWith("incidents") ? " (" + incidents + ")"
                        : " (" + records + ")"), String.format("%.2f s, first byte %.0f ms", export.seconds(),
                                export.firstByteMillis()), String.format("COPY %.2f s", raw.seconds()), ratio,
                        "≥ " + goal + "×, first byte ≤ 1 s", ratio >= goal && export.firstByteMillis() <= 1000);
            }
            System.out.println("  ratio COPY/export printed per path above; every service ran with -Xmx256m");
        }
    }

    /** An incident written, reviewed, verified and published, as people would through the gateway. */
    private static String publishedIncident(String gateway, String body, String analyst, String reviewer) throws Exception {
        String id = Figures.field(send("POST", gateway + "/api/v1/incidents", analyst, body, 201), "id");
        send("POST", gateway + "/api/v1/incidents/" + id + "/review", analyst, null, 200);
        send("POST", gateway + "/api/v1/incidents/" + id + "/verify", reviewer, null, 200);
        send("POST", gateway + "/api/v1/incidents/" + id + "/publish", reviewer, null, 200);
        return id;
    }

    private static String send(String method, String url, String token, String json, int expected) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IllegalStateException(method + " " + url + ": " + response.statusCode() + " " + response.body());
        }
        return response.body();
    }

    /** Waits until the list answers the partner with an item: the services have learnt what was published. */
    private static void awaitPartnerSees(String url, String partner) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (!send("GET", url, partner, null, 200).contains("\"id\"")) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the partner still sees nothing at " + url);
            }
            Thread.sleep(200);
        }
    }

    /** Reads an export (or, for the changes feed, every page) as the partner, counting bytes, keeping none. */
    private static Read read(String[] path, String partner) throws Exception {
        long start = System.nanoTime();
        double firstByte = -1;
        long bytes = 0;
        String url = path[1];
        boolean feed = path[0].startsWith("casualty changes");
        String first = url;
        while (url != null) {
            HttpResponse<InputStream> response = HTTP.send(HttpRequest.newBuilder(URI.create(url))
                    .header("Authorization", "Bearer " + partner).timeout(Duration.ofMinutes(30)).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(url + ": " + response.statusCode()
                        + " " + new String(response.body().readAllBytes(), StandardCharsets.UTF_8));
            }
            byte[] buffer = new byte[64 * 1024];
            StringBuilder tail = new StringBuilder();
            try (InputStream body = response.body()) {
                for (int n; (n = body.read(buffer)) >= 0; ) {
                    if (firstByte < 0 && n > 0) {
                        firstByte = (System.nanoTime() - start) / 1e6;
                    }
                    bytes += n;
                    if (feed) {
                        tail.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                    }
                }
            }
            url = feed ? nextPage(first, tail.toString()) : null;
        }
        return new Read((System.nanoTime() - start) / 1e9, firstByte, bytes);
    }

    /** The changes feed's next page, or null once a page came back empty (the partner is in sync). */
    private static String nextPage(String first, String page) {
        if (page.contains("\"items\":[]")) {
            return null;
        }
        Matcher next = Pattern.compile("\"next\":\"([^\"]+)\"").matcher(page);
        if (!next.find()) {
            throw new IllegalStateException("a changes page without next: " + page.substring(0, Math.min(300, page.length())));
        }
        return first + "&cursor=" + next.group(1);
    }

    private static Read copy(String jdbc, String sql) throws Exception {
        try (Connection db = DriverManager.getConnection(jdbc, PostgresServer.USER, "")) {
            long[] bytes = { 0 };
            double[] firstByte = { -1 };
            long start = System.nanoTime();
            db.unwrap(PGConnection.class).getCopyAPI().copyOut(sql, new OutputStream() {
                @Override
                public void write(int b) {
                    write(new byte[] { (byte) b }, 0, 1);
                }

                @Override
                public void write(byte[] b, int off, int len) {
                    if (firstByte[0] < 0) {
                        firstByte[0] = (System.nanoTime() - start) / 1e6;
                    }
                    bytes[0] += len;
                }
            });
            return new Read((System.nanoTime() - start) / 1e9, firstByte[0], bytes[0]);
        }
    }

}
