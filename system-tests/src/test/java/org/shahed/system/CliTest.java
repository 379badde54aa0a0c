package org.shahed.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The {@code shahed} command as ingestion scripts run it: a separate process, configured by the environment, its
 * output read as a script reads it (not a terminal: no progress bar, no escape codes), its exit codes relied on.
 */
@ExtendWith(RunningSuite.class)
class CliTest {
    record Run(int exit, String out, String err) {
    }

    static Run shahed(Map<String, String> env, Path dir, String... args) throws IOException, InterruptedException {
        Path out = Files.createTempFile("shahed-out-", ".txt");
        Path err = Files.createTempFile("shahed-err-", ".txt");
        Process process = start(env, dir, out, err, args);
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
        return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
    }

    /** The command started in {@code dir}, which is also its home (no profile or state of the machine's user). */
    static Process start(Map<String, String> env, Path dir, Path out, Path err, String... args) throws IOException {
        Path root = Path.of("").toAbsolutePath().getParent();
        List<String> command = new ArrayList<>(List.of("java", "-jar", root.resolve("cli/target/shahed-cli.jar").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectOutput(out.toFile())
                .redirectError(err.toFile());
        builder.environment().remove("SHAHED_URL");
        builder.environment().remove("SHAHED_API_KEY");
        builder.environment().remove("SHAHED_TOKEN");
        builder.environment().remove("SHAHED_PROFILE");
        builder.environment().remove("XDG_CONFIG_HOME");
        builder.environment().remove("XDG_CACHE_HOME");
        builder.environment().put("HOME", dir.toString());
        builder.environment().putAll(env);
        return builder.start();
    }

    @Test
    void anUploadCutMidwayResumesWhereItStoppedAndStoresTheFileOnceWithItsHashChecked() throws Exception {
        Path dir = Files.createTempDirectory("shahed-cli-");
        // A PDF of 3.5 MB (SNHR's report with a long appendix), different in every run: four parts of 1 MiB.
        StringBuilder pdf = new StringBuilder("%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
                + "2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n"
                + "3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >> endobj\n");
        java.util.Random random = new java.security.SecureRandom();
        while (pdf.length() < 3_500_000) {
            pdf.append("% appendix ").append(Long.toHexString(random.nextLong())).append(Long.toHexString(random.nextLong())).append('\n');
        }
        pdf.append("trailer << /Root 1 0 R >>\n%%EOF\n");
        Path file = Files.writeString(dir.resolve("snhr-report-appendix.pdf"), pdf);
        String sha256 = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(Files.readAllBytes(file)));
        String ingest = key("ingest", null);
        Map<String, String> env = Map.of("SHAHED_URL", RunningSuite.suite().url("gateway"), "SHAHED_API_KEY", ingest);

        // Sent slowly, and killed once a part has arrived: the connection is cut mid-way.
        Process slow = start(env, dir, Files.createTempFile("shahed-out-", ".txt"), Files.createTempFile("shahed-err-", ".txt"),
                "upload", file.toString(), "--part-size", "1", "--limit-rate", "300000", "--acquisition-method", "downloaded");
        Path state = dir.resolve(".cache/shahed/uploads/" + sha256 + ".json");
        String session = org.awaitility.Awaitility.await("the upload's session").atMost(java.time.Duration.ofSeconds(30))
                .pollInterval(java.time.Duration.ofMillis(100)).until(() -> Files.exists(state)
                        ? Api.JSON.readTree(state.toFile()).path("session").asText() : null, java.util.Objects::nonNull);
        org.awaitility.Awaitility.await("a first part").atMost(java.time.Duration.ofSeconds(60)).pollInterval(java.time.Duration.ofMillis(200))
                .until(() -> Api.withKey("GET", RunningSuite.suite().url("gateway") + "/api/v1/media/uploads/" + session, ingest, null)
                        .body().path("receivedParts").size() >= 1);
        slow.destroyForcibly().waitFor();
        int arrived = Api.withKey("GET", RunningSuite.suite().url("gateway") + "/api/v1/media/uploads/" + session, ingest, null)
                .body().path("receivedParts").size();
        assertThat(arrived).isBetween(1, 3);

        // The same command again resumes: only the missing parts are sent, the stored hash is the file's.
        Run resumed = shahed(env, dir, "upload", file.toString(), "--part-size", "1", "--acquisition-method", "downloaded");
        assertThat(resumed.exit()).as(resumed.out() + resumed.err()).isZero();
        assertThat(resumed.err()).contains("resuming", arrived + " of 4 parts already sent");
        assertThat(resumed.out()).contains("stored  ", "SHA-256 " + sha256 + " verified", "1 stored, 0 already present, 0 refused");
        assertThat(Files.exists(state)).isFalse();
        String mediaId = resumed.out().replaceAll("(?s).*stored  \\S+  (\\S+).*", "$1");
        assertThat(Api.send("GET", RunningSuite.suite().url("gateway") + "/api/v1/media/" + mediaId,
                RunningSuite.suite().token("analyst"), null).body().path("sha256").asText()).isEqualTo(sha256);

        // Once more: already there, under the same media.
        Run again = shahed(env, dir, "upload", file.toString(), "--part-size", "1", "--acquisition-method", "downloaded");
        assertThat(again.exit()).isZero();
        assertThat(again.out()).contains("present  ", mediaId, "0 stored, 1 already present, 0 refused");
    }

    static String key(String role, String rateLimit) {
        String body = """
                {"name": "CLI %s", "organisation": "SNHR", "roles": ["%s"]%s}""".formatted(role, role,
                rateLimit == null ? "" : ", \"rateLimit\": " + rateLimit);
        Api.Reply created = Api.send("POST", RunningSuite.suite().url("gateway") + "/api/v1/admin/api-keys",
                RunningSuite.suite().token("admin"), body);
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        return created.body().path("key").asText();
    }

    @Test
    void anImportWithBadRowsReportsThemInTheFilesTermsExitsOneAndNeverImportsTwice() throws Exception {
        Path dir = Files.createTempDirectory("shahed-cli-");
        String batch = UUID.randomUUID().toString().substring(0, 8);
        StringBuilder csv = new StringBuilder("source_system,external_id,full_name_latin,sex,age_years,outcome,status,date,date_precision,documentation_level\n");
        for (int n = 1; n <= 6; n++) {
            String sex = n == 3 ? "sometimes" : n % 2 == 0 ? "female" : "male"; // row 3: a sex no one has
            String age = n == 5 ? "-4" : String.valueOf(20 + n); // row 5: a negative age
            csv.append("cli-test,%s-%d,Synthetic Person %d,%s,%s,killed,civilian,2016-06-25,day,reported\n"
                    .formatted(batch, n, n, sex, age));
        }
        Path file = Files.writeString(dir.resolve("field-list.csv"), csv);
        Map<String, String> env = Map.of("SHAHED_URL", RunningSuite.suite().url("gateway"), "SHAHED_API_KEY", key("ingest", null));

        Run first = shahed(env, dir, "import", "casualties", "field-list.csv", "--progress");
        assertThat(first.exit()).as(first.out() + first.err()).isEqualTo(1);
        assertThat(first.out()).contains("completed", "6 rows read", "4 accepted", "2 rejected", "field-list.csv.errors.csv");
        // Progress as plain lines for a log (asked for: the output is no terminal), never a bar's escape codes.
        assertThat(first.err()).contains("progress: 100%  6 rows read, 4 accepted, 2 rejected");
        assertThat(first.out() + first.err()).doesNotContain("\u001b", "\r");
        List<CSVRecord> errors;
        try (Reader reader = Files.newBufferedReader(dir.resolve("field-list.csv.errors.csv"), StandardCharsets.UTF_8)) {
            errors = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build().parse(reader).getRecords();
        }
        assertThat(errors).extracting(record -> record.get("row")).containsExactly("3", "5");
        assertThat(errors).extracting(record -> record.get("column")).containsExactly("sex", "age_years");
        assertThat(errors).extracting(record -> record.get("external_id")).containsExactly(batch + "-3", batch + "-5");
        String job = first.out().replaceAll("(?s).*import (\\S+) completed.*", "$1");

        // The same command again: the same job, nothing imported twice.
        Run again = shahed(env, dir, "import", "casualties", "field-list.csv", "--output", "json");
        assertThat(again.exit()).isEqualTo(1);
        JsonNode repeated = Api.JSON.readTree(again.out());
        assertThat(repeated.path("id").asText()).isEqualTo(job);
        assertThat(repeated.path("rowsCreated").asLong()).isEqualTo(4);
        // Accepting rejected rows is the caller's choice; a detached run prints the job and returns at once.
        assertThat(shahed(env, dir, "jobs", "watch", job, "--accept-rejected").exit()).isZero();
        Run detached = shahed(env, dir, "import", "casualties", "field-list.csv", "--detach");
        assertThat(detached.exit()).isZero();
        assertThat(detached.out().trim()).isEqualTo(job);
    }

    @Test
    void aPartnersMirrorEqualsWhatThePartnerReadsAfterAPublicationAndARetraction() throws Exception {
        Path dir = Files.createTempDirectory("shahed-cli-");
        Path mirror = dir.resolve("mirror");
        Map<String, String> env = Map.of("SHAHED_URL", RunningSuite.suite().url("gateway"), "SHAHED_TOKEN",
                RunningSuite.suite().token("partner"));
        String gateway = RunningSuite.suite().url("gateway");
        String reviewer = RunningSuite.suite().token("reviewer");
        String retracted = publishedIncident();
        String edited = publishedIncident();
        String duplicate = publishedIncident();
        Run first = shahed(env, dir, "pull", "incidents", "--into", mirror.toString());
        assertThat(first.exit()).as(first.out() + first.err()).isZero();
        assertThat(mirrored(mirror)).isEqualTo(partnersIncidents()).contains(retracted, edited, duplicate);

        // A publication, a correction, a retraction and a merge: the next pull follows each, and says why it removed.
        String added = publishedIncident();
        Api.Reply correction = Api.send("PATCH", gateway + "/api/v1/incidents/" + edited, reviewer,
                "{\"title\": {\"en\": \"First strike on Al Ta'es (corrected time)\"}}", "If-Match",
                Api.send("GET", gateway + "/api/v1/incidents/" + edited, reviewer, null).etag(), "Content-Type",
                "application/merge-patch+json");
        assertThat(correction.status()).as(correction.body().toString()).isEqualTo(200);
        Api.Reply retraction = Api.send("POST", gateway + "/api/v1/incidents/" + retracted + "/retract", reviewer,
                "{\"reason\": \"The date is contradicted by a second source\"}", "If-Match",
                Api.send("GET", gateway + "/api/v1/incidents/" + retracted, reviewer, null).etag());
        assertThat(retraction.status()).as(retraction.body().toString()).isLessThan(300);
        Api.Reply merge = Api.send("POST", gateway + "/api/v1/incidents/" + duplicate + "/merge", reviewer,
                "{\"survivorId\": \"" + added + "\", \"reason\": \"The same strike, documented twice\"}", "If-Match",
                Api.send("GET", gateway + "/api/v1/incidents/" + duplicate, reviewer, null).etag());
        assertThat(merge.status()).as(merge.body().toString()).isLessThan(300);
        Run second = shahed(env, dir, "pull", "incidents", "--into", mirror.toString(), "--output", "json");
        assertThat(second.exit()).as(second.out() + second.err()).isZero();
        assertThat(Api.JSON.readTree(second.out()).path("removed").asLong()).isGreaterThanOrEqualTo(2);
        java.util.Set<String> now = mirrored(mirror);
        assertThat(now).isEqualTo(partnersIncidents()).contains(added, edited).doesNotContain(retracted, duplicate);
        assertThat(Files.readString(mirror.resolve("incidents/" + edited + ".json"))).contains("(corrected time)");
        String removals = Files.readString(mirror.resolve("incidents.removed.ndjson"));
        assertThat(removals).contains(retracted, "retracted", duplicate, "merged", added);
        // The NDJSON holds the same records as the folder, one per line.
        assertThat(Files.readAllLines(mirror.resolve("incidents.ndjson"))).hasSize(now.size());

        // Casualty records: one of the published incident's, mirrored, then deleted and gone from the mirror; the
        // CSV beside it is the API's export with its HXL row.
        String record = Api.send("POST", gateway + "/api/v1/casualties", RunningSuite.suite().token("analyst"), """
                {"incidentId": "%s", "sex": "female", "age": {"years": 30}, "outcome": "killed", "status": "civilian",
                 "date": {"on": "2016-06-25", "precision": "day"}, "documentationLevel": "reported"}""".formatted(added))
                .body().path("id").asText();
        org.awaitility.Awaitility.await("the record, for partners").atMost(java.time.Duration.ofSeconds(30))
                .pollInterval(java.time.Duration.ofMillis(200)).until(() -> Api.send("GET", gateway + "/api/v1/casualties/" + record,
                        RunningSuite.suite().token("partner"), null).status() == 200);
        Run casualties = shahed(env, dir, "pull", "casualties", "--into", mirror.toString(), "--csv", "--hxl");
        assertThat(casualties.exit()).as(casualties.out() + casualties.err()).isZero();
        assertThat(mirror.resolve("casualties/" + record + ".json")).exists();
        assertThat(Files.readAllLines(mirror.resolve("casualties.csv")).get(1)).contains("#affected+id", "#affected+sex");
        Api.Reply deletion = Api.send("DELETE", gateway + "/api/v1/casualties/" + record, RunningSuite.suite().token("analyst"),
                null, "If-Match", Api.send("GET", gateway + "/api/v1/casualties/" + record, RunningSuite.suite().token("analyst"), null).etag());
        assertThat(deletion.status()).isLessThan(300);
        assertThat(shahed(env, dir, "pull", "casualties", "--into", mirror.toString()).exit()).isZero();
        assertThat(mirror.resolve("casualties/" + record + ".json")).doesNotExist();
        assertThat(Files.readString(mirror.resolve("casualties.removed.ndjson"))).contains(record, "deleted");

        // The common reads: an export streamed to a file, a record and aggregates laid out in columns.
        Run export = shahed(env, dir, "export", "incidents", "--format", "geojson", "--to", "incidents.geojson");
        assertThat(export.exit()).as(export.err()).isZero();
        JsonNode geojson = Api.JSON.readTree(dir.resolve("incidents.geojson").toFile());
        assertThat(geojson.path("type").asText()).isEqualTo("FeatureCollection");
        assertThat(geojson.toString()).contains(added).doesNotContain(retracted);
        Run table = shahed(env, dir, "get", "incident", added, "--output", "table");
        assertThat(table.exit()).as(table.err()).isZero();
        assertThat(table.out().lines().findFirst().orElse("")).contains("id", "reference", "status", "title.en");
        assertThat(table.out()).contains(added, "published");
        Run csv = shahed(env, dir, "get", "counts", added, "--output", "csv");
        assertThat(csv.exit()).as(csv.err()).isZero();
        assertThat(csv.out().lines().findFirst().orElse("")).contains("incidentId", "named.killed.min");
        assertThat(csv.out()).contains(added);
        assertThat(shahed(env, dir, "get", "aggregates", UUID.randomUUID().toString()).exit()).isEqualTo(2);
        Run packet = shahed(env, dir, "get", "dossier", added, "--packet", "case.zip");
        assertThat(packet.exit()).as(packet.err()).isZero();
        assertThat(shahed(env, dir, "get", "signing_keys", "--output", "json").exit()).isZero();
        Run verified = shahed(env, dir, "verify", "case.zip");
        assertThat(verified.exit()).as(verified.out()).isZero();
        assertThat(verified.out()).contains("VERIFIED", "NOTE  signed with the key inside the packet");
    }

    /** A new incident, published (the demo's first strike). */
    static String publishedIncident() throws IOException {
        String body = Files.readString(Path.of("").toAbsolutePath().getParent().resolve("deploy/demo/first-strike.json"));
        String gateway = RunningSuite.suite().url("gateway");
        String id = Api.send("POST", gateway + "/api/v1/incidents", RunningSuite.suite().token("analyst"), body)
                .body().path("id").asText();
        for (String action : List.of("review", "verify", "publish")) {
            Api.Reply step = Api.send("POST", gateway + "/api/v1/incidents/" + id + "/" + action,
                    RunningSuite.suite().token(action.equals("review") ? "analyst" : "reviewer"), null);
            assertThat(step.status()).as(step.body().toString()).isLessThan(300);
        }
        return id;
    }

    /** The ids of the incidents a partner lists now, every page. */
    static java.util.Set<String> partnersIncidents() {
        java.util.Set<String> ids = new java.util.TreeSet<>();
        String cursor = null;
        do {
            JsonNode page = Api.send("GET", RunningSuite.suite().url("gateway") + "/api/v1/incidents?limit=200"
                    + (cursor == null ? "" : "&cursor=" + java.net.URLEncoder.encode(cursor, StandardCharsets.UTF_8)),
                    RunningSuite.suite().token("partner"), null).body();
            page.path("items").forEach(item -> ids.add(item.path("id").asText()));
            cursor = page.path("hasMore").asBoolean() ? page.path("next").asText() : null;
        } while (cursor != null);
        return ids;
    }

    static java.util.Set<String> mirrored(Path mirror) throws IOException {
        try (var files = Files.list(mirror.resolve("incidents"))) {
            return files.map(f -> f.getFileName().toString()).filter(name -> name.endsWith(".json"))
                    .map(name -> name.substring(0, name.length() - ".json".length()))
                    .collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new));
        }
    }

    @Test
    void whoamiNamesTheKeyAndARateLimitIsWaitedOut() throws Exception {
        Path dir = Files.createTempDirectory("shahed-cli-");
        Map<String, String> env = Map.of("SHAHED_URL", RunningSuite.suite().url("gateway"),
                "SHAHED_API_KEY", key("partner", "{\"capacity\": 1, \"period\": \"PT15S\"}"));
        Run me = shahed(env, dir, "whoami");
        assertThat(me.exit()).as(me.err()).isZero();
        assertThat(me.out()).contains("roles:        partner", "api key:      shk_", "does not expire", "rate limit:   1 requests per PT15S");
        // The key's one request per 15 s is spent: the next run is answered 429 and waits as Retry-After says.
        Run waited = shahed(env, dir, "whoami", "--output", "json");
        assertThat(waited.exit()).as(waited.err()).isZero();
        assertThat(waited.err()).contains("rate limit reached: waiting");
        assertThat(Api.JSON.readTree(waited.out()).path("roles").get(0).asText()).isEqualTo("partner");

        // Or from a profile file, which holds a key and so must be its owner's alone.
        Path profile = Files.createDirectories(dir.resolve(".config/shahed")).resolve("default.properties");
        Files.writeString(profile, "url=" + RunningSuite.suite().url("gateway") + "\napi-key=" + key("ingest", null) + "\n");
        Files.setPosixFilePermissions(profile, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        Run exposed = shahed(Map.of(), dir, "whoami");
        assertThat(exposed.exit()).isEqualTo(2);
        assertThat(exposed.err()).contains("readable by others: chmod 600");
        Files.setPosixFilePermissions(profile, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        Run fromProfile = shahed(Map.of(), dir, "whoami");
        assertThat(fromProfile.exit()).as(fromProfile.err()).isZero();
        assertThat(fromProfile.out()).contains("roles:        ingest");
        Files.delete(profile);

        // Without credentials: a usage error; with a refused request: the problem and exit code 3.
        Run bare = shahed(Map.of("SHAHED_URL", RunningSuite.suite().url("gateway")), dir, "whoami");
        assertThat(bare.exit()).isEqualTo(2);
        assertThat(bare.err()).contains("no credentials");
        Run refused = shahed(Map.of("SHAHED_URL", RunningSuite.suite().url("gateway"), "SHAHED_TOKEN", RunningSuite.suite().token("partner")),
                dir, "get", "incident", UUID.randomUUID().toString());
        assertThat(refused.exit()).isEqualTo(3);
        assertThat(refused.err()).contains("HTTP 404");
    }
}
