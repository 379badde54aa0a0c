package org.shahed.bench;

import java.io.BufferedWriter;
import java.io.IOException;
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
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.IntFunction;
import java.util.function.IntPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.postgresql.PGConnection;
import org.shahed.infra.FreePorts;
import org.shahed.infra.LocalInfra;
import org.shahed.infra.PostgresServer;
import org.shahed.infra.ServiceProcess;

/**
 * The suite's speed goals, each against the raw component measured in the same run:
 * <ul>
 * <li>{@code import [rows]}: bulk import through the API vs PostgreSQL {@code COPY} of the same rows into a table
 * with the same columns and indexes (goal: at least 0.5×);</li>
 * <li>{@code aggregates [records]}: dashboard aggregates through the API on that many records vs the same
 * GROUP BY run directly on the records (goal: under 100 ms);</li>
 * <li>{@code media [MB]}: a video of that size uploaded through the gateway (and straight to media-service) and
 * downloaded through the gateway vs the same bytes put into and got from the object store with the MinIO SDK
 * (goal: at least 0.8× each way, every process with a 256 MB heap);</li>
 * <li>{@code event-latency [writes]}: a casualty write until incident-service shows it in the incident's summary,
 * vs a bare Kafka produce → consume (goal: p99 ≤ 100 ms);</li>
 * <li>{@code gateway-latency [requests]}: a GET through the gateway vs directly to the service (goal: p50 ≤ 1.3×);</li>
 * <li>{@code load [seconds]}: reads and single writes at saturation, gateway vs direct, and clients dropping requests;</li>
 * <li>{@code dedup [people]}: duplicate candidates on synthetic lists: blocking recall, F1, time per record;</li>
 * <li>{@code exports [records] [incidents]}: a partner's exports and changes feed through the gateway vs
 * {@code COPY ... TO STDOUT} (goal: at least 0.5×, the feed 0.3×);</li>
 * <li>{@code all}: every one in turn; each run ends with the table of its results.</li>
 * </ul>
 * The service runs as in production, a separate process, with a 256 MB heap.
 */
public final class Benchmarks {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Benchmarks() {
    }

    /** Every benchmark, in the order {@code all} runs them, each on servers of its own. */
    private static final List<String> ALL = List.of("import", "aggregates", "dedup", "event-latency", "gateway-latency",
            "load", "media", "exports");

    public static void main(String[] args) throws Exception {
        String which = args.length > 0 ? args[0] : "import";
        Figures.clearResults();
        if ("all".equals(which)) {
            for (String benchmark : ALL) {
                System.out.printf("%n== %s ==%n", benchmark);
                run(new String[] { benchmark });
            }
        } else {
            run(args);
        }
        Figures.printResults(System.out);
    }

    private static void run(String[] args) throws Exception {
        String which = args.length > 0 ? args[0] : "import";
        Path root = Path.of(System.getProperty("shahed.root", ".")).toAbsolutePath().normalize();
        Path dir = Files.createTempDirectory("shahed-bench-");
        try (LocalInfra infra = LocalInfra.startEphemeral(dir)) {
            if ("media".equals(which) || "media-upload".equals(which)) {
                MediaUploadBenchmark.run(infra, root, dir, count(args, 2048));
                return;
            }
            if ("event-latency".equals(which)) {
                EventLatencyBenchmark.run(infra, root, dir, count(args, 500));
                return;
            }
            if ("load".equals(which)) {
                LoadBenchmark.run(infra, root, dir, count(args, 20));
                return;
            }
            if ("exports".equals(which)) {
                ExportsBenchmark.run(infra, root, dir, count(args, 200_000), args.length > 2 ? Integer.parseInt(args[2]) : 2_000);
                return;
            }
            if ("gateway-latency".equals(which)) {
                GatewayLatencyBenchmark.run(infra, root, dir, count(args, 2000));
                return;
            }
            Map<String, String> config = infra.serviceConfig("casualty");
            ServiceProcess service = ServiceProcess.start("casualty-service",
                    root.resolve("casualty-service/target/quarkus-app/quarkus-run.jar"), FreePorts.pick(), config,
                    dir.resolve("casualty-service.log"), serviceJvmOptions());
            try {
                service.awaitReady(Duration.ofMinutes(3));
                String token = infra.jwtKeys().token("benchmark", Set.of("ingest", "analyst"), Duration.ofHours(4));
                String jdbc = config.get("quarkus.datasource.jdbc.url");
                switch (which) {
                    case "import" -> importVersusCopy(service, token, jdbc, dir, count(args, 100_000));
                    case "aggregates" -> aggregatesVersusGroupBy(service, token, jdbc, count(args, 1_000_000));
                    case "dedup" -> DedupBenchmark.run(service, token, jdbc, dir, count(args, 20_000));
                    default -> throw new IllegalArgumentException("import [rows] | aggregates [records] | dedup [people] | media [MB] | event-latency [writes] | gateway-latency [requests] | load [seconds per phase] | exports [records] [incidents] | all");
                }
            } finally {
                service.stop();
            }
        } finally {
            try (Stream<Path> paths = Files.walk(dir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void importVersusCopy(ServiceProcess service, String token, String jdbc, Path dir, int rows)
            throws Exception {
        // A JVM runs its hot paths interpreted, then quickly compiled (C1), until its optimising compiler (C2) has
        // compiled them; on two cores that compiling competes with the import itself. Per-batch code (the writing
        // path: JDBC, Hibernate, the Kafka producer) runs once per 500 rows, so it is compiled late: after one
        // warm-up import the compilers were still busy for seconds during the next (bench/README.md). Warm up
        // as a long-running service would be: until an import leaves the compilers nearly idle (under a tenth of
        // its time), at most three imports of as many rows as are timed.
        int warmUpRows = Math.max(1_000, rows);
        for (int warmUp = 1; warmUp <= 3; warmUp++) {
            Path file = dir.resolve("warm-up-" + warmUp + ".csv");
            writeRows(file, warmUpRows, "warm-up-" + warmUp, hundredPerIncident(), row -> false);
            awaitEventsPublished(jdbc);
            TimedImport timed = TimedImport.of(service, token, file, warmUpRows);
            System.out.printf("casualty import benchmark: warm-up import %d of %,d rows: %.2f s, JIT compilers %.1f s of CPU%n",
                    warmUp, warmUpRows, timed.seconds(), timed.compiling());
            if (timed.compiling() < timed.seconds() / 10) {
                break;
            }
        }

        // Imports and COPY take turns, three times, each import compared with a COPY of its own rows that follows
        // it: the machine's speed drifts from minute to minute, and timing all imports first and all COPYs after
        // made the ratio swing with it (see bench/README.md). The median pair counts.
        List<Double> ratios = new ArrayList<>();
        for (int run = 1; run <= 3; run++) {
            String source = "bench-" + run;
            Path csv = dir.resolve(source + ".csv");
            writeRows(csv, rows, source, hundredPerIncident(), row -> false);
            quiesce(jdbc);
            TimedImport timed = TimedImport.of(service, token, csv, rows);
            double importSeconds = timed.seconds();
            double copySeconds = copyAlone(jdbc, source, dir.resolve(source + ".copy"));
            double ratio = copySeconds / importSeconds; // (rows / import time) / (rows / COPY time)
            System.out.printf("  run %d: API import (parse, validate, store, history, events, counts) %.2f s, %,.0f rows/s"
                    + " (JIT compilers %.1f s of CPU); PostgreSQL COPY of the same rows, same columns and indexes"
                    + " %.2f s, %,.0f rows/s: ratio %.2f%n", run, importSeconds, rows / importSeconds, timed.compiling(),
                    copySeconds, rows / copySeconds, ratio);
            ratios.add(ratio);
        }
        Collections.sort(ratios);
        System.out.printf("  ratio import/COPY: %.2f, the median of %.2f, %.2f and %.2f (goal ≥ 0.50)%n", ratios.get(1),
                ratios.get(0), ratios.get(1), ratios.get(2));
        Figures.result("casualty import (" + rows + " rows)", "median of three imports", "COPY of the same rows",
                ratios.get(1), "≥ 0.5×", ratios.get(1) >= 0.5);
    }

    /** An import through the API, timed, with the CPU the service's JIT compilers used meanwhile. */
    private record TimedImport(double seconds, double compiling) {
        static TimedImport of(ServiceProcess service, String token, Path csv, int rows) throws Exception {
            double compilingBefore = compilerSeconds(service.pid());
            long start = System.nanoTime();
            importFile(service.url(), token, csv, rows);
            return new TimedImport((System.nanoTime() - start) / 1e9, compilerSeconds(service.pid()) - compilingBefore);
        }
    }

    /**
     * Times COPY of the rows an import of {@code source} stored into an empty table with the same columns and
     * indexes, on a quiet machine.
     */
    private static double copyAlone(String jdbc, String source, Path dump) throws Exception {
        try (Connection db = DriverManager.getConnection(jdbc, PostgresServer.USER, "")) {
            try (OutputStream out = Files.newOutputStream(dump)) {
                db.unwrap(PGConnection.class).getCopyAPI().copyOut(
                        "copy (select * from casualty where source_system = '" + source + "') to stdout", out);
            }
            try (Statement statement = db.createStatement()) {
                statement.execute("drop table if exists casualty_copy");
                statement.execute("create table casualty_copy (like casualty including all)");
            }
            quiesce(jdbc);
            long start = System.nanoTime();
            try (InputStream in = Files.newInputStream(dump)) {
                db.unwrap(PGConnection.class).getCopyAPI().copyIn("copy casualty_copy from stdin", in);
            }
            return (System.nanoTime() - start) / 1e9;
        }
    }

    private static void aggregatesVersusGroupBy(ServiceProcess service, String token, String jdbc, int records)
            throws Exception {
        System.out.printf("casualty aggregates benchmark: %,d records%n", records);
        String groupBy = """
                select to_char(date_trunc('month', event_date), 'YYYY-MM'), admin_pcodes[1], count(*)
                from casualty where outcome = 'killed' and deleted_at is null and merged_into is null
                group by 1, 2""";
        List<Double> raw = new ArrayList<>();
        try (Connection db = DriverManager.getConnection(jdbc, PostgresServer.USER, "");
                Statement statement = db.createStatement()) {
            long loadStart = System.nanoTime();
            // One statement: the rollup's per-statement trigger adds all the records with one grouped upsert.
            statement.execute("""
                    insert into casualty (id, reference, version, document, incident_id, outcome, sex, age_years, is_child,
                        civilian_status, roles, event_date, admin_pcodes, documentation_level, name_text, name_keys,
                        consent_publish_name, change_txid, change_seq, last_change, created_at, created_by, updated_at, updated_by)
                    select gen_random_uuid(), 'BENCH-' || i, 1, '{}'::jsonb, null,
                        (array['killed','killed','killed','injured','missing'])[1 + i % 5],
                        (array['female','male','unknown'])[1 + i % 3], i % 90, (i % 90) < 18,
                        'civilian', '{}', date '2011-03-15' + (i % 3650),
                        array['SY' || lpad((1 + i % 14)::text, 2, '0')], 'reported', '', '{}', false, 0, i, 'created',
                        now(), 'benchmark', now(), 'benchmark'
                    from generate_series(1, RECORDS) i""".replace("RECORDS", Integer.toString(records)));
            statement.execute("analyze");
            System.out.printf("  loaded in %.1f s%n", (System.nanoTime() - loadStart) / 1e9);
            for (int i = 0; i < 13; i++) {
                long t = System.nanoTime();
                statement.executeQuery(groupBy).close();
                if (i >= 3) {
                    raw.add((System.nanoTime() - t) / 1e6);
                }
            }
        }
        URI uri = URI.create(service.url() + "/api/v1/casualty-aggregates?groupBy=month,governorate&outcome=killed");
        List<Double> api = new ArrayList<>();
        for (int i = 0; i < 35; i++) {
            long t = System.nanoTime();
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("aggregates: " + response.statusCode() + " " + response.body());
            }
            if (i >= 5) {
                api.add((System.nanoTime() - t) / 1e6);
            }
        }
        System.out.printf("  API aggregates (month × governorate, killed):  median %7.1f ms  p95 %7.1f ms (goal < 100 ms)%n",
                Figures.percentile(api, 50), Figures.percentile(api, 95));
        System.out.printf("  same GROUP BY directly on the records:         median %7.1f ms  p95 %7.1f ms%n",
                Figures.percentile(raw, 50), Figures.percentile(raw, 95));
        System.out.printf("  ratio GROUP BY/API: %.1f×%n", Figures.percentile(raw, 50) / Figures.percentile(api, 50));
        Figures.result("dashboard aggregates (" + records + " records)", String.format("p50 %.1f ms, p95 %.1f ms",
                Figures.percentile(api, 50), Figures.percentile(api, 95)), String.format("GROUP BY p50 %.1f ms",
                        Figures.percentile(raw, 50)), Figures.percentile(raw, 50) / Figures.percentile(api, 50),
                "p95 ≤ 50 ms (on 10 000 000)", Figures.percentile(api, 95) <= 50);
    }

    /**
     * The service's JVM options: a 256 MB heap and the serial collector, as in production, and any options given
     * in the system property {@code shahed.bench.service-jvm} (separated by spaces), e.g. to record a profile
     * ({@code -XX:StartFlightRecording=filename=/tmp/jfr/}: a directory, so that each process writes its own).
     */
    static List<String> serviceJvmOptions() {
        List<String> options = new ArrayList<>(List.of("-Xmx256m", "-XX:+UseSerialGC"));
        for (String option : System.getProperty("shahed.bench.service-jvm", "").split(" ")) {
            if (!option.isBlank()) {
                options.add(option);
            }
        }
        return options;
    }

    /**
     * Waits until the machine is quiet before a timed run: the service has published every event, and the
     * database has vacuumed the dead rows of what came before (so that autovacuum does not run beside the timed
     * run) and written its dirty pages (a checkpoint). Imports and COPY are timed after the same.
     */
    private static void quiesce(String jdbc) throws Exception {
        awaitEventsPublished(jdbc);
        try (Connection db = DriverManager.getConnection(jdbc, PostgresServer.USER, "");
                Statement statement = db.createStatement()) {
            statement.execute("vacuum analyze");
            statement.execute("checkpoint");
        }
    }

    /** Waits until the service has published every event in its outbox. */
    private static void awaitEventsPublished(String jdbc) throws Exception {
        try (Connection db = DriverManager.getConnection(jdbc, PostgresServer.USER, "");
                Statement statement = db.createStatement()) {
            while (true) {
                try (var pending = statement.executeQuery("select count(*) from outbox_event where published_at is null")) {
                    pending.next();
                    if (pending.getLong(1) == 0) {
                        return;
                    }
                }
                Thread.sleep(200);
            }
        }
    }

    /** Imports the file through the API and waits until the job is over; fails unless every row was accepted. */
    static void importFile(String url, String token, Path csv, int rows) throws Exception {
        HttpResponse<String> accepted = HTTP.send(HttpRequest.newBuilder(URI.create(url + "/api/v1/casualty-imports"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "text/csv")
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.ofFile(csv)).build(), HttpResponse.BodyHandlers.ofString());
        if (accepted.statusCode() != 202) {
            throw new IllegalStateException("import refused: " + accepted.statusCode() + " " + accepted.body());
        }
        String location = URI.create(url).resolve(accepted.headers().firstValue("Location").orElseThrow()).toString();
        String job;
        do {
            Thread.sleep(200);
            job = HTTP.send(HttpRequest.newBuilder(URI.create(location)).header("Authorization", "Bearer " + token).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } while (!job.contains("\"status\":\"completed\"") && !job.contains("\"status\":\"failed\""));
        if (number(job, "rowsAccepted") != rows) {
            throw new IllegalStateException("import accepted " + number(job, "rowsAccepted") + " of " + rows + ": " + job);
        }
    }

    /**
     * CPU seconds used so far by the JIT compiler threads of process {@code pid}, from Linux's /proc (each
     * thread's user and system clock ticks, at 100 a second); 0 where there is no /proc.
     */
    static double compilerSeconds(long pid) {
        Path tasks = Path.of("/proc", Long.toString(pid), "task");
        if (!Files.isDirectory(tasks)) {
            return 0;
        }
        long ticks = 0;
        try (Stream<Path> threads = Files.list(tasks)) {
            for (Path thread : threads.toList()) {
                try {
                    String name = Files.readString(thread.resolve("comm")).trim();
                    if (!name.startsWith("C1 CompilerThre") && !name.startsWith("C2 CompilerThre")) {
                        continue;
                    }
                    String stat = Files.readString(thread.resolve("stat"));
                    // After the name in parentheses: state, then 10 fields, then utime and stime.
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                } catch (IOException e) {
                    // the thread ended between the listing and the reading
                }
            }
        } catch (IOException e) {
            return 0;
        }
        return ticks / 100.0;
    }

    /**
     * Synthetic victims (the report publishes no names), Arabic and Latin names, each row in the incident
     * {@code incidentOfRow} gives it, with the family's consent to publish the name where {@code consent} says.
     */
    static void writeRows(Path csv, int rows, String sourceSystem, IntFunction<String> incidentOfRow, IntPredicate consent)
            throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
            out.write("source_system,external_id,incident_id,full_name_ar,full_name_latin,father_name,sex,age_years,"
                    + "outcome,status,date,date_precision,admin_pcodes,documentation_level,consent_publish_name,"
                    + "source_type,source_reference\n");
            for (int i = 1; i <= rows; i++) {
                out.write(String.join(",", sourceSystem, "row-" + i, incidentOfRow.apply(i), "ضحية تجريبية " + i,
                        "Synthetic Victim " + i, "Synthetic Father " + (i % 997), i % 2 == 0 ? "female" : "male",
                        String.valueOf(i % 90), i % 4 == 0 ? "injured" : "killed", "civilian", "2016-06-25", "day",
                        "SY09;SY0903", "reported", String.valueOf(consent.test(i)), "family-member", "bench " + i));
                out.write('\n');
            }
        }
    }

    /** Incidents of 100 victims each, new ones for each file. */
    private static IntFunction<String> hundredPerIncident() {
        UUID base = UUID.randomUUID();
        return row -> new UUID(base.getMostSignificantBits(), base.getLeastSignificantBits() + row / 100).toString();
    }

    private static long number(String json, String field) {
        Matcher matcher = Pattern.compile("\"" + field + "\":(\\d+)").matcher(json);
        return matcher.find() ? Long.parseLong(matcher.group(1)) : -1;
    }

    private static int count(String[] args, int fallback) {
        return args.length > 1 ? Integer.parseInt(args[1]) : fallback;
    }
}
