package org.shahed.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The whole path of the data, through the gateway, as its users take it: an ingestion script with an API key
 * documents the Al Qouriyah strike (the incident, its 62 victims, a photo), analysts and reviewers publish and
 * clear it, and a partner organisation reads it with its own API key (redacted, rate-limited, audited) while a
 * dashboard reads the dossier and the aggregates.
 */
@ExtendWith(RunningSuite.class)
class PartnerAccessTest {
    static RunningSuite.Suite suite() {
        return RunningSuite.suite();
    }

    static String gateway() {
        return suite().url("gateway");
    }

    static String apiKey(String name, String organisation, String role, String rateLimit) {
        String body = """
                {"name": "%s", "organisation": "%s", "roles": ["%s"]%s}""".formatted(name, organisation, role,
                rateLimit == null ? "" : ", \"rateLimit\": " + rateLimit);
        Api.Reply created = Api.send("POST", gateway() + "/api/v1/admin/api-keys", suite().token("admin"), body);
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        return created.body().path("key").asText();
    }

    /** Victim {@code n}: 1–30 children, 31–50 women, 51–62 men killed; 63–92 injured. Names without consent. */
    static String victim(String incident, String batch, int n) {
        String sex = n <= 30 ? (n % 2 == 0 ? "female" : "male") : n <= 50 ? "female" : n <= 62 ? "male" : "unknown";
        String age = n <= 30 ? "{\"years\": " + (2 + n % 15) + "}" : n <= 62 ? "{\"years\": " + (20 + n % 40) + "}"
                : "{\"group\": \"adult\"}";
        return """
                {"incidentId": "%s", "names": {"fullNameLatin": "Protected Name %s %d"}, "sex": "%s", "age": %s,
                 "outcome": "%s", "status": "civilian", "date": {"on": "2016-06-25", "precision": "day"},
                 "place": {"adminPcodes": ["%s", "%s03"]}, "cause": "airstrike", "documentationLevel": "corroborated",
                 "consent": {"publishName": false}, "sourceSystem": "partner-e2e", "externalId": "%s-%d"}"""
                .formatted(incident, batch, n, sex, age, n <= 62 ? "killed" : "injured", GOVERNORATE, GOVERNORATE, batch, n);
    }

    @Test
    void aScriptDocumentsTheStrikeAndAPartnerReadsItRedactedRateLimitedAndAudited() throws Exception {
        String ingest = apiKey("SNHR ingestion script", "SNHR", "ingest", null);
        String partner = apiKey("UN CoI nightly pull", "UN Commission of Inquiry", "partner",
                "{\"capacity\": 30, \"period\": \"PT10M\"}");

        // The script documents the incident, its 62 killed and 30 injured, and a photo.
        String firstStrike = Files.readString(
                Path.of("").toAbsolutePath().getParent().resolve("deploy/demo/first-strike.json"));
        Api.Reply incident = Api.withKey("POST", gateway() + "/api/v1/incidents", ingest, firstStrike);
        assertThat(incident.status()).as(incident.body().toString()).isEqualTo(201);
        String incidentId = incident.body().path("id").asText();
        String batch = UUID.randomUUID().toString();
        ExecutorService writers = Executors.newFixedThreadPool(6);
        try {
            List<Future<Api.Reply>> replies = new ArrayList<>();
            for (int n = 1; n <= 92; n++) {
                int record = n;
                replies.add(writers.submit(() -> Api.withKey("POST", gateway() + "/api/v1/casualties", ingest,
                        victim(incidentId, batch, record))));
            }
            for (Future<Api.Reply> reply : replies) {
                assertThat(reply.get().status()).as(reply.get().body().toString()).isEqualTo(201);
            }
        } finally {
            writers.shutdownNow();
        }
        Api.Reply photo = Api.uploadWithKey(gateway() + "/api/v1/media", ingest, "image/jpeg", photo(),
                "X-File-Name", "al-qouriyah-market-after-strike.jpg", "X-Acquisition-Method", "partner-transfer");
        assertThat(photo.status()).as(photo.body().toString()).isIn(200, 201);
        String photoId = photo.body().path("id").asText();
        // What the script wrote is recorded as the key's work (staff see who wrote what; scripts and partners do not).
        assertThat(incident.body().path("createdBy").isMissingNode()).isTrue();
        assertThat(Api.send("GET", gateway() + "/api/v1/incidents/" + incidentId, suite().token("analyst"), null)
                .body().path("createdBy").asText()).isEqualTo("api-key:" + keyIdOf(ingest));

        // Analysts link the photo (once media-service knows the incident) and send the incident for review;
        // a reviewer verifies, publishes and clears the photo for sharing.
        Api.Reply link = await("photo linked").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                .until(() -> Api.send("POST", gateway() + "/api/v1/media/" + photoId + "/links", suite().token("analyst"),
                        "{\"targetType\": \"incident\", \"targetId\": \"" + incidentId + "\", \"reason\": \"Market after the strike\"}"),
                        reply -> reply.status() < 300);
        assertThat(link.status()).as(link.body().toString()).isLessThan(300);
        for (String action : List.of("review", "verify", "publish")) {
            Api.Reply step = Api.send("POST", gateway() + "/api/v1/incidents/" + incidentId + "/" + action,
                    suite().token(action.equals("review") ? "analyst" : "reviewer"), null);
            assertThat(step.status()).as(action + " " + step.body()).isLessThan(300);
        }
        Api.Reply media = Api.send("GET", gateway() + "/api/v1/media/" + photoId, suite().token("reviewer"), null);
        Api.Reply cleared = Api.send("PUT", gateway() + "/api/v1/media/" + photoId + "/sensitivity", suite().token("reviewer"),
                "{\"graphic\": false, \"protectedPersonsVisible\": false, \"consent\": \"not-needed\", \"clearedForSharing\": true}",
                "If-Match", media.etag());
        assertThat(cleared.status()).as(cleared.body().toString()).isEqualTo(200);

        // The partner's dossier: the published incident, 62/30/20 and 30 injured, records without names, the photo.
        // Waited for with an analyst's token first: the partner's key allows 30 requests in 10 minutes, and polling
        // with it ten times a second while the events arrived spent them all on a slow machine. Then the partner asks
        // every two seconds until the services have learnt of the publication (the photo shows for partners then).
        String dossierUrl = gateway() + "/api/v1/incidents/" + incidentId + "/dossier?casualtyLimit=100";
        Predicate<JsonNode> complete = body -> body.path("casualtyCounts").path("named").path("killed").path("min").asInt() == 62
                && body.path("media").path("items").size() == 1;
        Api.awaitBody(dossierUrl, suite().token("analyst"), complete, Duration.ofSeconds(60));
        JsonNode dossier = await("the partner's dossier").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(2))
                .until(() -> Api.withKey("GET", dossierUrl, partner, null), reply -> reply.status() == 200 && complete.test(reply.body()))
                .body();
        assertThat(dossier.path("incident").path("id").asText()).isEqualTo(incidentId);
        assertThat(dossier.path("incomplete").isMissingNode()).isTrue();
        JsonNode named = dossier.path("casualtyCounts").path("named");
        assertThat(named.path("children").path("min").asInt()).isEqualTo(30);
        assertThat(named.path("women").path("min").asInt()).isEqualTo(20);
        assertThat(named.path("injured").path("min").asInt()).isEqualTo(30);
        assertThat(dossier.path("casualties").path("items").size()).isEqualTo(92);
        assertThat(dossier.path("casualties").toString()).doesNotContain("Protected Name");
        assertThat(dossier.path("media").path("items").get(0).path("id").asText()).isEqualTo(photoId);
        assertThat(dossier.path("media").toString()).doesNotContain("al-qouriyah-market-after-strike.jpg");
        // An analyst's dossier of the same incident shows the names.
        Api.Reply analystView = Api.send("GET", gateway() + "/api/v1/incidents/" + incidentId + "/dossier?casualtyLimit=100",
                suite().token("analyst"), null);
        assertThat(analystView.body().path("casualties").toString()).contains("Protected Name");

        // Five women and five men killed, published, in each of two areas of their own. Partners never get a small
        // count, nor the smallest count beside one, or a total would give it away; whatever other tests left in this
        // database, these stand beside it and are smaller than the counts read below, so those stay shown.
        String padding = Api.send("POST", gateway() + "/api/v1/incidents", suite().token("analyst"), firstStrike)
                .body().path("id").asText();
        for (String action : List.of("review", "verify", "publish")) {
            assertThat(Api.send("POST", gateway() + "/api/v1/incidents/" + padding + "/" + action,
                    suite().token(action.equals("review") ? "analyst" : "reviewer"), null).status()).isLessThan(300);
        }
        int paddingArea = 10 + (int) (Math.random() * 80);
        String lastPadding = null;
        for (int n = 0; n < 20; n++) {
            String sex = n % 2 == 0 ? "female" : "male";
            lastPadding = Api.send("POST", gateway() + "/api/v1/casualties", suite().token("analyst"), """
                    {"incidentId": "%s", "sex": "%s", "age": {"years": 40}, "outcome": "killed", "status": "civilian",
                     "date": {"on": "2016-06-25", "precision": "day"}, "place": {"adminPcodes": ["SY8%d%d"]},
                     "documentationLevel": "reported"}""".formatted(padding, sex, paddingArea, n < 10 ? 1 : 2))
                    .body().path("id").asText();
        }
        Api.awaitBody(gateway() + "/api/v1/casualties/" + lastPadding, suite().token("analyst"),
                body -> "published".equals(body.path("incidentStatus").asText()), Duration.ofSeconds(60));

        // The dashboard's aggregates for the governorate: 62 killed by sex, 35 female and 27 male. The records are
        // placed in a governorate code of this test's own (other tests publish Deir-ez-Zor's SY09 too, the demo's
        // Al Qouriyah case among them, and reconciliation tests hide and restore their incidents meanwhile).
        Api.Reply bySex = Api.withKey("GET", gateway() + "/api/v1/casualty-aggregates?groupBy=sex&outcome=killed&governorate="
                + GOVERNORATE, partner, null);
        Map<String, Long> counts = killedBySex(bySex);
        assertThat(counts).containsEntry("female", 35L).containsEntry("male", 27L);

        // The partner's key is rate-limited: 30 requests per 10 minutes, then 429 with Retry-After.
        Api.Reply last = bySex;
        int used = 0;
        while (last.status() != 429 && used++ < 40) {
            last = Api.withKey("GET", gateway() + "/api/v1/incidents/" + incidentId, partner, null);
        }
        assertThat(last.status()).isEqualTo(429);
        assertThat(Long.parseLong(last.header("Retry-After"))).isPositive();
        assertThat(last.header("RateLimit-Limit")).isEqualTo("30");

        // Every pull of the partner is in the audit log, with the incident's id.
        JsonNode audit = Api.awaitBody(gateway() + "/api/v1/admin/audit-log?apiKeyId=" + keyIdOf(partner)
                + "&resourceId=" + incidentId + "&limit=500", suite().token("admin"),
                body -> body.path("items").size() >= 2, Duration.ofSeconds(30));
        assertThat(audit.path("items").get(0).path("subject").asText()).isEqualTo("api-key:" + keyIdOf(partner));
        assertThat(audit.path("items").get(0).path("path").asText()).startsWith("/api/v1/incidents/" + incidentId);
    }

    /** The governorate code this test's victims are placed in: no other test uses the SY9x codes. */
    static final String GOVERNORATE = "SY9" + (int) (Math.random() * 10);

    static Map<String, Long> killedBySex(Api.Reply reply) {
        assertThat(reply.status()).as(reply.body().toString()).isEqualTo(200);
        Map<String, Long> counts = new HashMap<>();
        reply.body().path("items").forEach(cell -> counts.put(cell.path("key").path("sex").asText(),
                cell.path("count").path("min").asLong()));
        return counts;
    }

    /** The id of the key with this secret, from the admin list (matched by the secret's shown prefix). */
    static String keyIdOf(String secret) {
        String next = null;
        do {
            Api.Reply page = Api.send("GET", gateway() + "/api/v1/admin/api-keys?limit=500" + (next == null ? "" : "&cursor=" + next),
                    suite().token("admin"), null);
            for (JsonNode key : page.body().path("items")) {
                if (secret.startsWith(key.path("keyPrefix").asText())) {
                    return key.path("id").asText();
                }
            }
            next = page.body().path("next").asText(null);
        } while (next != null);
        throw new AssertionError("no key for the secret");
    }

    private static byte[] photo() throws Exception {
        BufferedImage image = new BufferedImage(640, 480, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(0x8a7f6a));
        g.fillRect(0, 0, 640, 480);
        g.setColor(new Color(0x3b3b3b));
        g.fillOval(200, 150, 240, 180);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "jpeg", out);
        return out.toByteArray();
    }
}
