package org.shahed.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.shahed.cli.PacketVerification;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The Al Qouriyah case as partners and courts take it: the demo script documents it through the gateway (so the
 * demo is tested too), then the dossier holds every fact of SNHR's report, redacted for the partner, and its signed
 * packet verifies offline with the CLI and fails, naming what, when any byte of it is changed.
 */
@ExtendWith(RunningSuite.class)
class DossierPacketTest {
    static final List<String> PROTECTED = AlQouriyahDemo.PROTECTED;

    static String firstStrike;
    static String secondStrike;

    static RunningSuite.Suite suite() {
        return RunningSuite.suite();
    }

    static String dossierUrl() {
        return suite().url("gateway") + "/api/v1/incidents/" + firstStrike + "/dossier";
    }

    @BeforeAll
    static void theDemoDocumentsTheCase() throws Exception {
        AlQouriyahDemo.Case demo = AlQouriyahDemo.load();
        firstStrike = demo.firstStrike();
        secondStrike = demo.secondStrike();
    }

    @Test
    void thePartnersDossierHoldsEveryFactOfTheReportAndNoProtectedField() {
        Api.Reply reply = Api.send("GET", dossierUrl(), suite().token("partner"), null);
        assertThat(reply.status()).isEqualTo(200);
        JsonNode dossier = reply.body();
        assertThat(dossier.path("incomplete").isMissingNode()).as(dossier.path("incomplete").toString()).isTrue();
        assertThat(dossier.path("incident").path("start").path("at").asText()).startsWith("2016-06-25");
        // Both strikes and their link: the second hit the rescuers.
        JsonNode linked = dossier.path("linkedIncidents").path("items").get(0);
        assertThat(linked.path("link").path("type").asText()).isEqualTo("follow-up-strike");
        assertThat(linked.path("link").path("firstRespondersHarmed").asBoolean()).isTrue();
        assertThat(linked.path("incident").path("id").asText()).isEqualTo(secondStrike);
        assertThat(linked.path("incident").path("title").path("en").asText()).startsWith("Second strike");
        // The area held by ISIS since July 2014, with its source.
        assertThat(dossier.path("areaControl").path("items").findValuesAsText("party")).contains("isis");
        assertThat(dossier.path("areaControl").path("items").findValuesAsText("validFrom")).contains("2014-07-01");
        // The alleged Russian perpetrator with its basis and the claim it rests on, quoted with its source.
        JsonNode perpetrator = dossier.path("perpetrators").path("items").get(0);
        assertThat(perpetrator.path("party").asText()).isEqualTo("russian-forces");
        assertThat(perpetrator.path("involvement").asText()).isEqualTo("alleged");
        assertThat(perpetrator.path("basis").asText()).contains("great altitude");
        assertThat(perpetrator.path("claims").get(0).path("statement").asText()).contains("flying at a great altitude");
        assertThat(perpetrator.path("claims").get(0).path("source").path("type").asText()).isEqualTo("local-media-activist");
        // 62 killed, 30 children, 20 women, 30 injured: named and as SNHR reported them.
        JsonNode named = dossier.path("casualtyCounts").path("named");
        assertThat(List.of(named.path("killed").path("min").asInt(), named.path("children").path("min").asInt(),
                named.path("women").path("min").asInt(), named.path("injured").path("min").asInt())).containsExactly(62, 30, 20, 30);
        JsonNode reported = dossier.path("casualtyCounts").path("reported").get(0);
        assertThat(reported.path("figures").path("killed").path("min").asInt()).isEqualTo(62);
        assertThat(reported.path("source").asText()).contains("SNHR");
        assertThat(dossier.path("casualties").path("items").size()).isEqualTo(92);
        // Abu Ahmad's testimony, his identity protected.
        JsonNode testimony = dossier.path("testimonies").path("items").get(0);
        assertThat(testimony.path("witnessPseudonym").asText()).isEqualTo("Abu Ahmad");
        assertThat(testimony.has("identity")).isFalse();
        // The Rome Statute qualification, its evidence resolved to the testimony and the claims.
        JsonNode qualification = dossier.path("legalQualifications").path("items").get(0);
        assertThat(qualification.path("instrument").asText()).isEqualTo("rome-statute-art-8");
        JsonNode evidence = qualification.path("elements").get(0).path("evidence");
        assertThat(evidence.findValuesAsText("kind")).contains("testimony", "claim");
        assertThat(evidence.get(0).path("resolved").path("witnessPseudonym").asText()).isEqualTo("Abu Ahmad");
        assertThat(evidence.get(1).path("resolved").path("statement").asText()).contains("Four missiles");
        // The report as evidence, and the report that cites the strike.
        assertThat(dossier.path("media").path("items").get(0).path("kind").asText()).isEqualTo("document");
        assertThat(dossier.path("media").path("items").get(0).path("sha256").asText()).hasSize(64);
        assertThat(dossier.path("reports").path("items").get(0).path("title").path("en").asText())
                .contains("Massacre of Al Qouriyah");
        String text = dossier.toString();
        for (String secret : PROTECTED) {
            assertThat(text).as("the partner's dossier shows '%s'", secret).doesNotContain(secret);
        }

        // An analyst sees what partners may not.
        JsonNode analyst = Api.send("GET", dossierUrl(), suite().token("analyst"), null).body();
        assertThat(analyst.path("testimonies").path("items").get(0).path("identity").path("fullName").asText())
                .isEqualTo("Synthetic Name Al-Example");
        assertThat(analyst.path("casualties").toString()).contains("Synthetic Child");
    }

    @Test
    void theVersionStaysWhileNothingChangesAndMovesWhenATestimonyIsEdited() {
        Api.Reply first = Api.send("GET", dossierUrl(), suite().token("analyst"), null);
        Api.Reply again = Api.send("GET", dossierUrl(), suite().token("analyst"), null);
        String version = first.body().path("version").asText();
        assertThat(again.body().path("version").asText()).isEqualTo(version);
        assertThat(Api.send("GET", dossierUrl(), suite().token("analyst"), null, "If-None-Match", "\"" + version + "\"")
                .status()).isEqualTo(304);

        JsonNode testimony = first.body().path("testimonies").path("items").get(0);
        String testimonyUrl = suite().url("gateway") + "/api/v1/incidents/" + firstStrike + "/testimonies/"
                + testimony.path("id").asText();
        Api.Reply current = Api.send("GET", testimonyUrl, suite().token("analyst"), null);
        com.fasterxml.jackson.databind.node.ObjectNode edited = Api.JSON.createObjectNode();
        for (String field : List.of("witnessPseudonym", "witnessRole", "contactChannel", "interviewDate", "language",
                "statement", "translations", "consent", "identity")) {
            edited.set(field, current.body().get(field));
        }
        ((com.fasterxml.jackson.databind.node.ObjectNode) edited.path("translations")).put("en",
                current.body().path("translations").path("en").asText() + " (translation revised)");
        Api.Reply put = Api.send("PUT", testimonyUrl, suite().token("analyst"), edited.toString(), "If-Match", current.etag());
        assertThat(put.status()).as(put.body().toString()).isEqualTo(200);

        Api.Reply after = Api.send("GET", dossierUrl(), suite().token("analyst"), null, "If-None-Match", "\"" + version + "\"");
        assertThat(after.status()).isEqualTo(200);
        assertThat(after.body().path("version").asText()).isNotEqualTo(version);
        assertThat(after.body().path("testimonies").toString()).contains("(translation revised)");
    }

    @Test
    void thePartnersPacketVerifiesOfflineAndHoldsNothingProtected() throws Exception {
        Path packet = download("partner");
        Path keys = Files.writeString(Files.createTempFile("shahed-keys-", ".json"), Api.raw("GET",
                suite().url("gateway") + "/api/v1/dossier-signing-keys", "Authorization", "Bearer " + suite().token("partner"),
                null).text());
        // The CLI as a court runs it, with the key the organisation published.
        Path root = Path.of("").toAbsolutePath().getParent();
        Process verify = new ProcessBuilder("java", "-jar", root.resolve("cli/target/shahed-cli.jar").toString(), "verify",
                packet.toString(), "--key", keys.toString()).redirectErrorStream(true).start();
        String output = new String(verify.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(verify.waitFor(1, TimeUnit.MINUTES)).isTrue();
        assertThat(verify.exitValue()).as(output).isZero();
        assertThat(output).contains("OK    dossier.json", "OK    dossier.ar.html", "OK    manifest.jws", "VERIFIED");

        Map<String, byte[]> files = unzip(Files.readAllBytes(packet));
        JsonNode manifest = Api.JSON.readTree(files.get("manifest.json"));
        assertThat(manifest.path("mediaVariant").asText()).isEqualTo("preview");
        // The report's file is a PDF: it has no shareable preview, so partners get its record, not the file.
        assertThat(manifest.path("omitted").get(0).path("status").asInt()).isEqualTo(404);
        String arabic = new String(files.get("dossier.ar.html"), StandardCharsets.UTF_8);
        // In Arabic, right to left: the title, and Abu Ahmad's statement in the language he gave it.
        assertThat(arabic).contains("dir=\"rtl\"", "ملف الحادثة", "مجزرة القورية", "Abu Ahmad", "سمعت صوت الطائرات الحربية");
        assertThat(new String(files.get("dossier.en.html"), StandardCharsets.UTF_8))
                .contains("First strike on Al Ta&#39;es", "rome-statute-art-8", "russian-forces", "isis");
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            String text = new String(file.getValue(), StandardCharsets.UTF_8);
            for (String secret : PROTECTED) {
                assertThat(text).as("%s in the partner's packet shows '%s'", file.getKey(), secret).doesNotContain(secret);
            }
        }

        // One byte changed anywhere, and verification fails naming what.
        assertThat(failuresOf(tampered(packet, "dossier.json"))).containsExactly("dossier.json");
        assertThat(failuresOf(tampered(packet, "dossier.ar.html"))).containsExactly("dossier.ar.html");
        assertThat(failuresOf(tampered(packet, "manifest.json"))).contains("manifest.jws");
        assertThat(failuresOf(tampered(packet, "manifest.jws"))).contains("manifest.jws");
    }

    @Test
    void theAnalystsPacketCarriesTheOriginalEvidenceWithItsCustodyAndFailsWhenItIsAltered() throws Exception {
        Path packet = download("analyst");
        PacketVerification.Result result = PacketVerification.verify(packet, null);
        assertThat(result.ok()).as(result.failures().toString()).isTrue();
        assertThat(result.keyFromPacket()).isTrue();
        String evidence = result.checks().stream().map(PacketVerification.Check::subject)
                .filter(subject -> subject.startsWith("media/") && subject.endsWith("-evidence-packet.zip")).findFirst().orElseThrow();
        assertThat(result.checks()).anySatisfy(check -> {
            assertThat(check.subject()).isEqualTo(evidence + "!/custody.json");
            assertThat(check.detail()).contains("every hash recomputed");
        });
        assertThat(result.checks()).anySatisfy(check -> assertThat(check.subject()).startsWith(evidence + "!/original/"));
        assertThat(failuresOf(tampered(packet, evidence))).contains(evidence);
    }

    private static Path download(String role) throws IOException, InterruptedException {
        Path packet = Files.createTempFile("shahed-dossier-" + role + "-", ".zip");
        HttpResponse<Path> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(dossierUrl() + "/packet"))
                .header("Authorization", "Bearer " + suite().token(role)).timeout(Duration.ofMinutes(2)).build(),
                HttpResponse.BodyHandlers.ofFile(packet));
        if (answer.statusCode() != 200) {
            throw new AssertionError("packet answered " + answer.statusCode() + ": "
                    + new String(Files.readAllBytes(packet), StandardCharsets.UTF_8));
        }
        return packet;
    }

    private static List<String> failuresOf(Path packet) throws IOException {
        return PacketVerification.verify(packet, null).failures().stream().map(PacketVerification.Check::subject)
                .distinct().toList();
    }

    /** A copy of the packet with one byte of {@code file} changed. */
    private static Path tampered(Path packet, String file) throws IOException {
        Map<String, byte[]> files = unzip(Files.readAllBytes(packet));
        byte[] content = files.get(file).clone();
        int at = content.length / 2;
        content[at] = (byte) (content[at] == 'A' ? 'B' : 'A');
        files.put(file, content);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> entry : files.entrySet()) {
                zip.putNextEntry(new ZipEntry(entry.getKey()));
                zip.write(entry.getValue());
                zip.closeEntry();
            }
        }
        return Files.write(Files.createTempFile("shahed-tampered-", ".zip"), bytes.toByteArray());
    }

    private static Map<String, byte[]> unzip(byte[] zip) throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                files.put(entry.getName(), in.readAllBytes());
            }
        }
        return files;
    }
}
