package org.shahed.bench;

import java.io.BufferedWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import org.shahed.casualty.dedupe.SyntheticVictims;
import org.shahed.casualty.dedupe.SyntheticVictims.Victim;
import org.shahed.infra.PostgresServer;
import org.shahed.infra.ServiceProcess;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * De-duplication on synthetic casualty lists (the evaluation seed, which the weights were not fitted on), the way
 * the issue measured it: imported through the API, scored from {@code GET /casualties/{id}/duplicate-candidates}.
 * Prints blocking recall (true pairs that reach scoring), precision, recall and F1 at the default threshold, and the
 * time of one record's candidates against the database's own time for that record's block query.
 */
final class DedupBenchmark {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final double THRESHOLD = 0.75;
    private static final int SAMPLE = 1_000;

    private DedupBenchmark() {
    }

    static void run(ServiceProcess service, String token, String jdbc, Path dir, int people) throws Exception {
        List<Victim> victims = new SyntheticVictims(20160626L).generate(people);
        System.out.printf("dedup benchmark: %,d records of %,d people from up to three lists%n", victims.size(), people);
        Path csv = dir.resolve("synthetic.csv");
        write(csv, victims);
        long start = System.nanoTime();
        Benchmarks.importFile(service.url(), token, csv, victims.size());
        double importSeconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("  import: %.1f s, %,.0f records/s%n", importSeconds, victims.size() / importSeconds);

        Map<UUID, Integer> personOf = new HashMap<>();
        try (Connection db = DriverManager.getConnection(jdbc, PostgresServer.USER, "");
                Statement statement = db.createStatement();
                ResultSet rows = statement.executeQuery("select id, external_id from casualty where source_system like 'synthetic-%'")) {
            while (rows.next()) {
                personOf.put(rows.getObject(1, UUID.class), Integer.parseInt(rows.getString(2).split("-")[0].substring(1)));
            }
        }
        Map<Integer, List<UUID>> recordsOf = new HashMap<>();
        personOf.forEach((id, person) -> recordsOf.computeIfAbsent(person, p -> new ArrayList<>()).add(id));
        List<UUID> ids = new ArrayList<>(personOf.keySet());
        Collections.sort(ids);
        Collections.shuffle(ids, new Random(7));
        List<UUID> sample = ids.subList(0, Math.min(SAMPLE, ids.size()));

        long truePairs = 0;
        long blocked = 0;
        long truePositives = 0;
        long falsePositives = 0;
        List<Double> apiMillis = new ArrayList<>();
        List<Double> sqlMillis = new ArrayList<>();
        UUID slowest = null;
        try (Connection db = DriverManager.getConnection(jdbc, PostgresServer.USER, "")) {
            for (UUID id : sample) {
                int person = personOf.get(id);
                Set<UUID> same = new HashSet<>(recordsOf.get(person));
                same.remove(id);
                long begin = System.nanoTime();
                JsonNode items = candidates(service, token, id);
                apiMillis.add((System.nanoTime() - begin) / 1e6);
                double sql = blockQueryMillis(db, id);
                if (sqlMillis.isEmpty() || sql > Collections.max(sqlMillis)) {
                    slowest = id;
                }
                sqlMillis.add(sql);
                truePairs += same.size();
                for (JsonNode item : items) {
                    UUID other = UUID.fromString(item.path("candidateId").asText());
                    boolean match = same.contains(other);
                    blocked += match ? 1 : 0;
                    if (item.path("score").asDouble() >= THRESHOLD) {
                        truePositives += match ? 1 : 0;
                        falsePositives += match ? 0 : 1;
                    }
                }
            }
        }
        double precision = truePositives + falsePositives == 0 ? 1 : (double) truePositives / (truePositives + falsePositives);
        double recall = truePairs == 0 ? 1 : (double) truePositives / truePairs;
        System.out.printf("  %,d records sampled, %,d true pairs among them%n", sample.size(), truePairs);
        System.out.printf("  blocking recall %.4f (goal ≥ 0.99)%n", truePairs == 0 ? 1 : (double) blocked / truePairs);
        System.out.printf("  at %.2f: precision %.4f, recall %.4f, F1 %.4f (goal F1 ≥ 0.95)%n", THRESHOLD, precision, recall,
                2 * precision * recall / (precision + recall));
        double blockingRecall = truePairs == 0 ? 1 : (double) blocked / truePairs;
        double f1 = 2 * precision * recall / (precision + recall);
        Figures.result("de-duplication (" + sample.size() + " records sampled)", String.format(
                "F1 %.3f, blocking recall %.3f", f1, blockingRecall), "", Double.NaN, "F1 ≥ 0.95, blocking recall ≥ 0.99",
                f1 >= 0.95 && blockingRecall >= 0.99);
        double apiP50 = Figures.percentile(apiMillis, 50);
        double apiP95 = Figures.percentile(apiMillis, 95);
        double sqlP50 = Figures.percentile(sqlMillis, 50);
        double sqlP95 = Figures.percentile(sqlMillis, 95);
        System.out.printf("  one record's candidates: p50 %.1f ms, p95 %.1f ms (goal p95 ≤ 100 ms at 1,000,000 records);"
                + " its block query alone in PostgreSQL p50 %.1f ms, p95 %.1f ms: ratio p95 %.2f%n",
                apiP50, apiP95, sqlP50, sqlP95, sqlP95 / apiP95);
        Figures.result("duplicate candidates of one record", String.format("p95 %.1f ms", apiP95),
                String.format("block query p95 %.1f ms", sqlP95), sqlP95 / apiP95, "p95 ≤ 100 ms (at 1 000 000)", apiP95 <= 100);
        double mean = apiMillis.stream().mapToDouble(Double::doubleValue).average().orElse(0);
        try (Connection db = DriverManager.getConnection(jdbc, PostgresServer.USER, "")) {
            System.out.println("  the block query's plan for the record whose block query took longest:");
            for (String line : blockQueryPlan(db, slowest)) {
                System.out.println("    " + line);
            }
        }
        System.out.printf("  a full scan (every record's candidates, one after another), from the sample's mean: %.1f min"
                + " for these %,d records, %.1f min per 1,000,000 at this mean (goal ≤ 15 min)%n",
                mean * ids.size() / 60_000, ids.size(), mean * 1_000_000 / 60_000);
    }

    private static JsonNode candidates(ServiceProcess service, String token, UUID id) throws Exception {
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(service.url() + "/api/v1/casualties/" + id
                + "/duplicate-candidates?minScore=0&limit=500")).header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("candidates of " + id + ": " + answer.statusCode() + " " + answer.body());
        }
        return JSON.readTree(answer.body()).path("items");
    }

    /** The query that gathers a record's block, as the service runs it, timed alone. */
    private static double blockQueryMillis(Connection db, UUID id) throws Exception {
        String[] keys = blockingKeys(db, id);
        long begin = System.nanoTime();
        try (PreparedStatement block = db.prepareStatement("""
                select id, incident_id, event_date, admin_pcodes, sex, age_years, cast(coalesce(match_names, document -> 'names') as text)
                from casualty where id <> ? and deleted_at is null and merged_into is null
                  and name_keys && ? limit 500""")) {
            Array array = db.createArrayOf("text", keys);
            block.setObject(1, id);
            block.setArray(2, array);
            try (ResultSet rows = block.executeQuery()) {
                while (rows.next()) {
                    rows.getString(7);
                }
            }
        }
        return (System.nanoTime() - begin) / 1e6;
    }

    private static List<String> blockQueryPlan(Connection db, UUID id) throws Exception {
        List<String> plan = new ArrayList<>();
        try (PreparedStatement explain = db.prepareStatement("""
                explain (analyze, buffers) select id, incident_id, event_date, admin_pcodes, sex, age_years,
                  cast(coalesce(match_names, document -> 'names') as text) from casualty where id <> ? and deleted_at is null
                  and merged_into is null and name_keys && ? limit 500""")) {
            explain.setObject(1, id);
            explain.setArray(2, db.createArrayOf("text", blockingKeys(db, id)));
            try (ResultSet rows = explain.executeQuery()) {
                while (rows.next()) {
                    plan.add(rows.getString(1));
                }
            }
        }
        return plan;
    }

    private static String[] blockingKeys(Connection db, UUID id) throws Exception {
        try (PreparedStatement read = db.prepareStatement("select name_keys from casualty where id = ?")) {
            read.setObject(1, id);
            try (ResultSet row = read.executeQuery()) {
                row.next();
                return Arrays.stream((String[]) row.getArray(1).getArray()).filter(k -> k.startsWith("b:")).toArray(String[]::new);
            }
        }
    }

    private static void write(Path csv, List<Victim> victims) throws Exception {
        try (BufferedWriter out = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
            out.write("source_system,external_id,incident_id,full_name_ar,full_name_latin,mother_name,sex,age_years,outcome,"
                    + "status,date,date_precision,admin_pcodes,documentation_level,consent_publish_name,source_type\n");
            int row = 0;
            for (Victim victim : victims) {
                out.write(String.join(",", "synthetic-list-" + victim.list(), "p" + victim.person() + "-" + row++,
                        victim.incident() == null ? "" : victim.incident().toString(), quoted(victim.names().fullNameAr()),
                        quoted(victim.names().fullNameLatin()), quoted(victim.names().motherName()),
                        victim.sex().name().toLowerCase(), victim.age() == null ? "" : victim.age().toString(), "killed",
                        "civilian", victim.date().toString(), "day", String.join(";", victim.pcodes()), "reported", "false",
                        "family-member"));
                out.write('\n');
            }
        }
    }

    private static String quoted(String value) {
        return value == null ? "" : "\"" + value.replace("\"", "\"\"") + "\"";
    }
}
