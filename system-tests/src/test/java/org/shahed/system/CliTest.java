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
        Path root = Path.of("").toAbsolutePath().getParent();
        List<String> command = new ArrayList<>(List.of("java", "-jar", root.resolve("cli/target/shahed-cli.jar").toString()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile("shahed-out-", ".txt");
        Path err = Files.createTempFile("shahed-err-", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectOutput(out.toFile())
                .redirectError(err.toFile());
        builder.environment().remove("SHAHED_API_KEY");
        builder.environment().remove("SHAHED_TOKEN");
        builder.environment().put("HOME", dir.toString()); // no profile of the machine's user
        builder.environment().putAll(env);
        Process process = builder.start();
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
        return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
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

        Run first = shahed(env, dir, "import", "casualties", "field-list.csv");
        assertThat(first.exit()).as(first.out() + first.err()).isEqualTo(1);
        assertThat(first.out()).contains("completed", "6 rows read", "4 accepted", "2 rejected", "field-list.csv.errors.csv");
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
    void whoamiNamesTheKeyAndARateLimitIsWaitedOut() throws Exception {
        Path dir = Files.createTempDirectory("shahed-cli-");
        Map<String, String> env = Map.of("SHAHED_URL", RunningSuite.suite().url("gateway"),
                "SHAHED_API_KEY", key("partner", "{\"capacity\": 1, \"period\": \"PT15S\"}"));
        Run me = shahed(env, dir, "whoami");
        assertThat(me.exit()).as(me.err()).isZero();
        assertThat(me.out()).contains("roles:        partner", "api key:      CLI partner", "rate limit:   1 requests per PT15S");
        // The key's one request per 15 s is spent: the next run is answered 429 and waits as Retry-After says.
        Run waited = shahed(env, dir, "whoami", "--output", "json");
        assertThat(waited.exit()).as(waited.err()).isZero();
        assertThat(waited.err()).contains("rate limit reached: waiting");
        assertThat(Api.JSON.readTree(waited.out()).path("roles").get(0).asText()).isEqualTo("partner");

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
