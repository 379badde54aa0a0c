package org.shahed.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.jose4j.base64url.Base64Url;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jws.JsonWebSignature;
import org.junit.jupiter.api.Test;
import org.shahed.cli.PacketVerification;
import org.shahed.testing.LocalTimeStampAuthority;
import org.shahed.testing.Tokens;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The dossier's composition against stand-in services (the system tests check it against the real ones): every
 * part asked with the caller's token, a failing service named instead of failing the whole answer, a version that
 * answers If-None-Match, and a packet whose manifest lists every file's hash and is signed by the published key.
 */
@QuarkusTest
@WithTestResource(value = StubBackendResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = LocalTimeStampAuthority.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "property", value = "shahed.gateway.dossiers.tsa-url"))
class DossierTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theDossierAsksEachServiceWithTheCallersTokenAndNamesThePartsThatFailed() {
        UUID incident = UUID.randomUUID();
        String key = ApiKeysTest.partnerKey("dossier reader");
        // incident-service and media-service are the echoing stand-in; casualty-service is down.
        String version = given().header("X-API-Key", key).when().get("/api/v1/incidents/" + incident + "/dossier?casualtyLimit=7")
                .then().statusCode(200).contentType("application/json")
                .body("incident.uri", equalTo("/api/v1/incidents/" + incident))
                .body("incident.authorization", startsWith("Bearer "))
                .body("incident.apiKey", equalTo(null))
                .body("testimonies.uri", equalTo("/api/v1/incidents/" + incident + "/testimonies"))
                .body("legalQualifications.uri", equalTo("/api/v1/incidents/" + incident + "/legal-qualifications"))
                .body("reports.uri", equalTo("/api/v1/reports?limit=100&incidentId=" + incident))
                .body("media.uri", equalTo("/api/v1/media?incidentId=" + incident + "&limit=50"))
                .body("incomplete.part", containsInAnyOrder("casualtyCounts", "casualties"))
                .body("incomplete.backend", equalTo(List.of("casualty-service", "casualty-service")))
                .body("incomplete[0].status", equalTo(502))
                .body("version", matchesPattern("[0-9a-f]{64}"))
                .header("ETag", notNullValue())
                .extract().path("version");
        // The version is a hash of the content (the stand-ins echo each request, so every answer is new; the system
        // tests check that an unchanged dossier keeps its version and answers If-None-Match with 304).
        assertThat(version).isNotBlank();
        given().header("Authorization", Tokens.bearer("partner")).when()
                .get("/api/v1/incidents/" + incident + "/dossier?casualtyLimit=9999")
                .then().statusCode(400).contentType("application/problem+json");
        given().when().get("/api/v1/incidents/" + incident + "/dossier").then().statusCode(401);
        given().header("Authorization", Tokens.bearer("partner")).when().get("/api/v1/incidents/not-an-id/dossier")
                .then().statusCode(404);
    }

    @Test
    void thePacketListsEveryFileWithItsHashAndIsSignedByThePublishedKey() throws Exception {
        UUID incident = UUID.randomUUID();
        byte[] zip = given().header("Authorization", Tokens.bearer("partner")).when()
                .get("/api/v1/incidents/" + incident + "/dossier/packet")
                .then().statusCode(200).contentType("application/zip")
                .header("Content-Disposition", startsWith("attachment; filename=")).extract().asByteArray();
        Map<String, byte[]> files = unzip(zip);
        assertThat(files).containsKeys("dossier.json", "dossier.en.html", "dossier.ar.html", "signing-key.jwk",
                "manifest.json", "manifest.jws", "manifest.tsr");
        JsonNode manifest = JSON.readTree(files.get("manifest.json"));
        assertThat(manifest.path("format").asText()).isEqualTo("shahed-dossier-packet/1");
        assertThat(manifest.path("mediaVariant").asText()).isEqualTo("preview");
        for (JsonNode file : manifest.path("files")) {
            byte[] content = files.get(file.path("path").asText());
            assertThat(content).as(file.path("path").asText()).isNotNull();
            assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content)))
                    .isEqualTo(file.path("sha256").asText());
            assertThat(file.path("sizeBytes").asLong()).isEqualTo(content.length);
        }
        assertThat(manifest.path("files").findValuesAsText("path")).containsExactlyInAnyOrder("dossier.json",
                "dossier.en.html", "dossier.ar.html", "signing-key.jwk");
        String arabic = new String(files.get("dossier.ar.html"), StandardCharsets.UTF_8);
        assertThat(arabic).contains("dir=\"rtl\"", "lang=\"ar\"", "ملف الحادثة");
        assertThat(new String(files.get("dossier.en.html"), StandardCharsets.UTF_8)).contains("dir=\"ltr\"", "Incident dossier");

        // The signature verifies with the key the gateway publishes, over exactly the manifest's bytes.
        String keys = given().header("Authorization", Tokens.bearer("partner")).when().get("/api/v1/dossier-signing-keys")
                .then().statusCode(200).contentType("application/jwk-set+json").extract().asString();
        JsonWebSignature jws = new JsonWebSignature();
        jws.setCompactSerialization(new String(files.get("manifest.jws"), StandardCharsets.US_ASCII));
        jws.setEncodedPayload(Base64Url.encode(files.get("manifest.json")));
        jws.setKey(new JsonWebKeySet(keys).findJsonWebKey(jws.getKeyIdHeaderValue(), "RSA", "sig", "RS256").getKey());
        assertThat(jws.verifySignature()).isTrue();
        assertThat(jws.getKeyIdHeaderValue()).isEqualTo(manifest.path("signingKeyId").asText());
        byte[] altered = files.get("manifest.json").clone();
        altered[altered.length / 2] ^= 1;
        JsonWebSignature forAltered = new JsonWebSignature();
        forAltered.setCompactSerialization(new String(files.get("manifest.jws"), StandardCharsets.US_ASCII));
        forAltered.setEncodedPayload(Base64Url.encode(altered));
        forAltered.setKey(jws.getKey());
        assertThat(forAltered.verifySignature()).isFalse();

        // The manifest's hash, time-stamped by the configured authority; the CLI's verifier checks it all offline.
        assertThat(files).containsKey("manifest.tsr");
        java.nio.file.Path packet = java.nio.file.Files.write(java.nio.file.Files.createTempFile("dossier-", ".zip"), zip);
        String authority = "-----BEGIN CERTIFICATE-----\n" + java.util.Base64.getMimeEncoder().encodeToString(
                LocalTimeStampAuthority.certificate.getEncoded()) + "\n-----END CERTIFICATE-----\n";
        PacketVerification.Result result = PacketVerification.verify(packet, keys, authority);
        assertThat(result.ok()).as(result.failures().toString()).isTrue();
        assertThat(result.checks()).anySatisfy(check -> {
            assertThat(check.subject()).isEqualTo("manifest.tsr");
            assertThat(check.detail()).contains("CN=Shahed test TSA");
        });
        byte[] otherManifest = files.get("manifest.json").clone();
        otherManifest[otherManifest.length / 3] ^= 1;
        assertThat(PacketVerification.timestamp(otherManifest, files.get("manifest.tsr"), authority).ok()).isFalse();

        given().when().get("/api/v1/dossier-signing-keys").then().statusCode(401);
        given().when().get("/api/v1/incidents/" + incident + "/dossier/packet").then().statusCode(401);
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
