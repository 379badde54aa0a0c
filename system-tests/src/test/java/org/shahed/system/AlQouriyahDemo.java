package org.shahed.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The Al Qouriyah case loaded into the running suite by the project's own demo script, once per run for every test
 * that reads it, and waited for until the services have learnt from each other what partners may read.
 */
final class AlQouriyahDemo {
    /** What the demo records that partners must never read: witness identity and contact, consent notes, victims'
     *  names without consent, the evidence's original file name, analysts' notes on a link. */
    static final List<String> PROTECTED = List.of("Synthetic Name Al-Example", "facebook.com/synthetic.example.4242",
            "Purpose of the interview explained", "Synthetic Child", "Synthetic Woman", "snhr-al-qouriyah-report.pdf",
            "Double-tap: residents and paramedics hit");

    /** The two strikes the demo recorded. */
    record Case(String firstStrike, String secondStrike) {
        String dossierUrl() {
            return RunningSuite.suite().url("gateway") + "/api/v1/incidents/" + firstStrike + "/dossier";
        }
    }

    private static Case loaded;

    private AlQouriyahDemo() {
    }

    static synchronized Case load() throws Exception {
        if (loaded == null) {
            loaded = run();
        }
        return loaded;
    }

    private static Case run() throws Exception {
        RunningSuite.Suite suite = RunningSuite.suite();
        Path root = Path.of("").toAbsolutePath().getParent();
        Path data = Files.createTempDirectory("shahed-demo-");
        StringBuilder tokens = new StringBuilder();
        for (String role : List.of("partner", "ingest", "analyst", "reviewer", "admin")) {
            tokens.append("export SHAHED_TOKEN_").append(role.toUpperCase()).append('=').append(suite.token(role)).append('\n');
        }
        Files.writeString(data.resolve("tokens.env"), tokens);
        ProcessBuilder demo = new ProcessBuilder("bash", root.resolve("deploy/demo/load-al-qouriyah.sh").toString())
                .redirectErrorStream(true);
        demo.environment().put("SHAHED_DATA_DIR", data.toString());
        demo.environment().put("SHAHED_GATEWAY_URL", suite.url("gateway"));
        Process process = demo.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(3, TimeUnit.MINUTES)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        Matcher ids = Pattern.compile("Incidents: first strike (\\S+), second strike (\\S+)").matcher(output);
        assertThat(ids.find()).as(output).isTrue();
        Case demoCase = new Case(ids.group(1), ids.group(2));
        // Wait until the services have learnt from each other's events what partners may read: the counts, the
        // report's file (cleared, documenting a published incident), the report citing the strike.
        Predicate<JsonNode> complete = body -> body.path("casualtyCounts").path("named").path("killed").path("min").asInt() == 62
                && body.path("media").path("items").size() == 1 && body.path("reports").path("items").size() == 1
                && body.path("linkedIncidents").path("items").size() == 1;
        Api.awaitBody(demoCase.dossierUrl(), suite.token("partner"), complete, Duration.ofSeconds(90));
        return demoCase;
    }
}
