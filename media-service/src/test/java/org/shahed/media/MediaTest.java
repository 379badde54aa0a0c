package org.shahed.media;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import javax.sql.DataSource;

import org.assertj.core.api.Assertions;
import org.assertj.core.data.Offset;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.tsp.TimeStampResponse;
import org.bouncycastle.tsp.TimeStampToken;
import org.eclipse.microprofile.config.ConfigProvider;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.shahed.testing.LocalTimeStampAuthority;
import org.shahed.testing.Metrics;
import org.shahed.testing.Tokens;
import org.shahed.testing.TopicReader;

import com.drew.imaging.ImageMetadataReader;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.GpsDirectory;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.StatObjectArgs;
import io.minio.errors.ErrorResponseException;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;

/** Evidence files against the real S3 server, PostgreSQL and Kafka: integrity, custody, protection. */
@QuarkusTest
class MediaTest {
    @Inject
    DataSource dataSource;

    static Response upload(String role, byte[] bytes, String contentType, String fileName) {
        return given().header("Authorization", Tokens.bearer(role)).contentType(contentType)
                .header("X-File-Name", fileName).header("X-Acquisition-Method", "direct-from-witness")
                .header("X-Acquired-At", "2016-06-26T08:00:00Z")
                .body(bytes).when().post("/api/v1/media");
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    static byte[] content(String id, String role) {
        return given().header("Authorization", Tokens.bearer(role)).when().get("/api/v1/media/" + id + "/content")
                .then().statusCode(200).extract().asByteArray();
    }

    @Test
    void aPhotoIsKeptByteIdenticalWithItsHashMetadataAndCustodyAndItsGpsProtected() throws Exception {
        byte[] photo = EvidenceFiles.photoWithGps(1);
        double storedBefore = Metrics.scrape().contains("shahed_media_stored_bytes_total{kind=\"image\"}")
                ? Metrics.value("shahed_media_stored_bytes_total{kind=\"image\"}") : 0;
        try (TopicReader events = new TopicReader("shahed.media")) {
            JsonPath created = given().header("Authorization", Tokens.bearer("ingest")).contentType("image/jpeg")
                    .header("X-File-Name", "../../القورية\u0000 strike/2nd strike.jpg")
                    .header("X-Content-SHA256", sha256(photo)).header("X-Acquisition-Method", "direct-from-witness")
                    .header("X-Acquired-By", "SNHR field researcher").body(photo).when().post("/api/v1/media")
                    .then().statusCode(201).header("Location", Matchers.containsString("/api/v1/media/"))
                    .body("location", nullValue()).body("originalFileName", nullValue())
                    .extract().jsonPath();
            String id = created.getString("id");
            assertThat(created.getString("sha256")).isEqualTo(sha256(photo));
            assertThat(created.getString("mediaType")).isEqualTo("image/jpeg");
            assertThat(created.getString("kind")).isEqualTo("image");
            assertThat(Metrics.value("shahed_media_stored_bytes_total{kind=\"image\"}")).isEqualTo(storedBefore + photo.length);
            // The camera wrote its local time without a zone: kept as local, never presented as UTC.
            assertThat(created.getString("capturedAt")).isNull();
            assertThat(created.getString("capturedLocalTime")).isEqualTo("2016-06-25T09:42:10");
            assertThat(created.getString("metadata.captureTimeZone")).isEqualTo("unknown");
            assertThat(created.getString("reference")).startsWith("MED-2016-");
            assertThat(created.getList("derivatives")).containsExactly("preview", "thumbnail");
            assertThat(created.getString("timestampedAt")).isNotNull();

            // The authority signed the original's hash: the response checks with the TSA's certificate.
            byte[] tsr = given().header("Authorization", Tokens.bearer("analyst")).when().get("/api/v1/media/" + id + "/timestamp")
                    .then().statusCode(200).contentType("application/timestamp-reply").extract().asByteArray();
            TimeStampToken token = new TimeStampResponse(tsr).getTimeStampToken();
            assertThat(HexFormat.of().formatHex(token.getTimeStampInfo().getMessageImprintDigest())).isEqualTo(sha256(photo));
            token.validate(new JcaSimpleSignerInfoVerifierBuilder()
                    .build(LocalTimeStampAuthority.certificate));

            JsonPath analyst = given().header("Authorization", Tokens.bearer("analyst")).when().get("/api/v1/media/" + id)
                    .then().statusCode(200).extract().jsonPath();
            assertThat(analyst.getDouble("location.latitude")).isCloseTo(EvidenceFiles.LATITUDE, Offset.offset(1e-4));
            assertThat(analyst.getDouble("location.longitude")).isCloseTo(EvidenceFiles.LONGITUDE, Offset.offset(1e-4));
            assertThat(analyst.getString("originalFileName")).isEqualTo("2nd strike.jpg");
            assertThat(analyst.getString("metadata.make")).isEqualTo("Shahed Test Camera");
            assertThat(analyst.getString("acquisition.method")).isEqualTo("direct-from-witness");
            assertThat(analyst.getString("acquisition.acquiredBy")).isEqualTo("SNHR field researcher");

            assertThat(content(id, "analyst")).isEqualTo(photo);

            // The shareable copy is a new JPEG of the pixels: no GPS survives.
            byte[] preview = given().header("Authorization", Tokens.bearer("analyst"))
                    .when().get("/api/v1/media/" + id + "/derivatives/preview")
                    .then().statusCode(200).contentType("image/jpeg").extract().asByteArray();
            Metadata previewMetadata = ImageMetadataReader.readMetadata(new ByteArrayInputStream(preview));
            assertThat(previewMetadata.getFirstDirectoryOfType(GpsDirectory.class)).isNull();
            assertThat(ImageMetadataReader.readMetadata(new ByteArrayInputStream(photo))
                    .getFirstDirectoryOfType(GpsDirectory.class)).isNotNull();

            JsonPath custody = given().header("Authorization", Tokens.bearer("reviewer"))
                    .when().get("/api/v1/media/" + id + "/custody").then().statusCode(200).extract().jsonPath();
            assertThat(custody.getBoolean("check.intact")).isTrue();
            assertThat(custody.getList("entries.action")).containsExactly("received", "hashed", "stored",
                    "metadata-extracted", "derivative-made", "derivative-made", "timestamped", "accessed");
            assertThat(custody.getString("entries[1].details.sha256")).isEqualTo(sha256(photo));
            assertThat(custody.getString("entries[7].actor")).isEqualTo("test-analyst");

            List<TopicReader.Received> uploaded = events.await(e -> id.equals(e.getSubject()), 1, Duration.ofSeconds(30));
            assertThat(uploaded.get(0).event().getType()).isEqualTo("org.shahed.media.uploaded");
            String data = new String(uploaded.get(0).event().getData().toBytes());
            assertThat(data).contains(sha256(photo)).doesNotContain("latitude").doesNotContain("strike")
                    .contains("\"capturedLocalTime\":\"2016-06-25T09:42:10\"").doesNotContain("capturedAt");
        }
    }

    @Test
    void aCaptureTimeWithItsOffsetIsAnInstantAndOneWithoutStaysLocal() throws Exception {
        byte[] zoned = EvidenceFiles.photoWithGps(60, "+03:00");
        byte[] local = EvidenceFiles.photoWithGps(61);
        JsonPath withOffset = upload("ingest", zoned, "image/jpeg", "zoned.jpg").then().statusCode(201).extract().jsonPath();
        assertThat(withOffset.getString("capturedAt")).isEqualTo("2016-06-25T06:42:10Z");
        assertThat(withOffset.getString("capturedLocalTime")).isEqualTo("2016-06-25T09:42:10");
        assertThat(withOffset.getString("metadata.captureTimeZone")).isEqualTo("+03:00");
        upload("ingest", local, "image/jpeg", "local.jpg").then().statusCode(201);

        // Filters take UTC: the zoned photo by its instant, the other by its local time (the best known).
        for (byte[] photo : List.of(zoned, local)) {
            boolean isZoned = photo == zoned;
            for (String[] window : List.of(new String[] { "2016-06-25T06:00:00Z", "2016-06-25T07:00:00Z" },
                    new String[] { "2016-06-25T09:00:00Z", "2016-06-25T10:00:00Z" })) {
                boolean expected = isZoned == window[0].startsWith("2016-06-25T06");
                List<String> found = given().header("Authorization", Tokens.bearer("analyst"))
                        .queryParam("sha256", sha256(photo)).queryParam("capturedFrom", window[0])
                        .queryParam("capturedTo", window[1]).when().get("/api/v1/media").then().statusCode(200)
                        .extract().jsonPath().getList("items.sha256");
                assertThat(found).as((isZoned ? "zoned" : "local") + " photo in " + window[0]).hasSize(expected ? 1 : 0);
            }
        }
    }

    @Test
    void partnersSeeOnlyClearedFilesAndOnlyTheirDerivatives() throws Exception {
        byte[] photo = EvidenceFiles.photoWithGps(2);
        Response uploaded = upload("analyst", photo, "image/jpeg", "rescuers.jpg");
        String id = uploaded.then().statusCode(201).extract().path("id");
        MediaLinksTest.documentPublishedIncident(id);
        String etag = given().header("Authorization", Tokens.bearer("analyst")).when().get("/api/v1/media/" + id).header("ETag");
        given().header("Authorization", Tokens.bearer("partner")).when().get("/api/v1/media/" + id).then().statusCode(404);

        // Protected persons visible without consent: reviewers cannot clear it.
        String sensitive = "{\"graphic\": true, \"protectedPersonsVisible\": true, \"consent\": \"unknown\", \"clearedForSharing\": true}";
        given().header("Authorization", Tokens.bearer("reviewer")).header("If-Match", etag).contentType("application/json")
                .body(sensitive).when().put("/api/v1/media/" + id + "/sensitivity")
                .then().statusCode(409).contentType("application/problem+json");
        // Analysts describe; only reviewers clear.
        String cleared = "{\"graphic\": true, \"protectedPersonsVisible\": false, \"consent\": \"not-needed\", \"clearedForSharing\": true}";
        given().header("Authorization", Tokens.bearer("analyst")).header("If-Match", etag).contentType("application/json")
                .body(cleared).when().put("/api/v1/media/" + id + "/sensitivity").then().statusCode(403);
        given().header("Authorization", Tokens.bearer("reviewer")).header("If-Match", etag).contentType("application/json")
                .body(cleared).when().put("/api/v1/media/" + id + "/sensitivity")
                .then().statusCode(200).header("ETag", Matchers.not(etag)).body("sensitivity.clearedForSharing", equalTo(true));

        given().header("Authorization", Tokens.bearer("partner")).when().get("/api/v1/media/" + id)
                .then().statusCode(200).body("location", nullValue()).body("originalFileName", nullValue())
                .body("acquisition", nullValue()).body("uploadedBy", nullValue()).body("sha256", equalTo(sha256(photo)));
        given().header("Authorization", Tokens.bearer("partner")).when().get("/api/v1/media/" + id + "/content")
                .then().statusCode(403);
        String thumbnailTag = given().header("Authorization", Tokens.bearer("partner"))
                .when().get("/api/v1/media/" + id + "/derivatives/thumbnail")
                .then().statusCode(200).contentType("image/jpeg").header("Cache-Control", "private, max-age=60")
                .extract().header("ETag");
        // The copy's tag is its hash, quoted once; a partner holding it is answered 304 without the bytes.
        assertThat(thumbnailTag).matches("\"[0-9a-f]{64}\"");
        given().header("Authorization", Tokens.bearer("partner")).header("If-None-Match", thumbnailTag)
                .when().get("/api/v1/media/" + id + "/derivatives/thumbnail").then().statusCode(304);
        given().header("Authorization", Tokens.bearer("analyst")).when().get("/api/v1/media/" + id + "/content")
                .then().statusCode(200).header("Cache-Control", "no-store").header("ETag", "\"" + sha256(photo) + "\"");
        assertThat(given().header("Authorization", Tokens.bearer("partner")).queryParam("sha256", sha256(photo))
                .when().get("/api/v1/media").then().statusCode(200).extract().jsonPath().getList("items.id")).containsExactly(id);
    }

    @Test
    void theSameBytesTwiceGiveTheSameAssetAndOneObject() throws Exception {
        byte[] video = EvidenceFiles.shortVideo(3);
        String first = upload("ingest", video, "video/mp4", "strike.mp4").then().statusCode(201)
                .body("kind", equalTo("video")).body("mediaType", equalTo("video/mp4")).extract().path("id");
        String second = upload("ingest", video, "video/mp4", "strike-copy.mp4").then().statusCode(200).extract().path("id");
        assertThat(second).isEqualTo(first);
        assertThat(given().header("Authorization", Tokens.bearer("analyst")).when().get("/api/v1/media/" + first + "/custody")
                .then().extract().jsonPath().getList("entries.action")).contains("received-again");
        assertThat(content(first, "reviewer")).isEqualTo(video);
        // An "isom" MP4 reads as QuickTime by its magic number; sent as video/mp4 it is no mismatch.
        upload("ingest", EvidenceFiles.video(4, "isom"), "video/mp4", "isom.mp4").then().statusCode(201)
                .body("kind", equalTo("video"));
    }

    @Test
    void rangeRequestsServeTheAskedBytes() throws Exception {
        byte[] pdf = EvidenceFiles.pdf("Testimony of a media activist, Al Qouriyah, 25 June 2016");
        String id = upload("ingest", pdf, "application/pdf", "testimony.pdf").then().statusCode(201)
                .body("kind", equalTo("document")).extract().path("id");
        byte[] middle = given().header("Authorization", Tokens.bearer("analyst")).header("Range", "bytes=10-19")
                .when().get("/api/v1/media/" + id + "/content")
                .then().statusCode(206).header("Content-Range", "bytes 10-19/" + pdf.length)
                .header("Accept-Ranges", "bytes").extract().asByteArray();
        assertThat(middle).isEqualTo(Arrays.copyOfRange(pdf, 10, 20));
        byte[] tail = given().header("Authorization", Tokens.bearer("analyst")).header("Range", "bytes=-6")
                .when().get("/api/v1/media/" + id + "/content").then().statusCode(206).extract().asByteArray();
        assertThat(tail).isEqualTo(Arrays.copyOfRange(pdf, pdf.length - 6, pdf.length));
        given().header("Authorization", Tokens.bearer("analyst")).header("Range", "bytes=" + pdf.length + "-")
                .when().get("/api/v1/media/" + id + "/content")
                .then().statusCode(416).header("Content-Range", "bytes */" + pdf.length);
    }

    @Test
    void executablesMismatchesEmptyBodiesAndWrongHashesLeaveNothingBehind() throws Exception {
        byte[] elf = EvidenceFiles.executable();
        upload("ingest", elf, "application/octet-stream", "tool").then().statusCode(415)
                .contentType("application/problem+json")
                .body("detail", Matchers.containsString("Accepted: "))
                .body("detail", Matchers.containsString("image/jpeg"));
        byte[] pdf = EvidenceFiles.pdf("not a photo " + UUID.randomUUID());
        upload("ingest", pdf, "image/png", "photo.png").then().statusCode(415)
                .body("detail", Matchers.containsString("application/pdf"));
        upload("ingest", new byte[0], "image/jpeg", "empty.jpg").then().statusCode(400)
                .body("violations[0].field", equalTo("body"));
        byte[] photo = EvidenceFiles.photoWithGps(5);
        given().header("Authorization", Tokens.bearer("ingest")).contentType("image/jpeg")
                .header("X-Content-SHA256", sha256(EvidenceFiles.photoWithGps(6))).body(photo)
                .when().post("/api/v1/media").then().statusCode(400).body("violations[0].field", equalTo("X-Content-SHA256"));

        for (byte[] refused : List.of(elf, pdf, photo)) {
            assertThat(objectExists("sha256/" + sha256(refused))).as("object left in S3").isFalse();
            assertThat(given().header("Authorization", Tokens.bearer("analyst")).queryParam("sha256", sha256(refused))
                    .when().get("/api/v1/media").then().statusCode(200).extract().jsonPath().getList("items")).isEmpty();
        }
    }

    @Test
    void anEditedCustodyEntryIsDetected() throws Exception {
        String id = upload("ingest", EvidenceFiles.photoWithGps(7), "image/jpeg", "a.jpg").then().statusCode(201).extract().path("id");
        try (Connection db = dataSource.getConnection(); Statement sql = db.createStatement()) {
            // The database refuses edits of the log...
            Assertions.assertThatThrownBy(() -> sql.executeUpdate(
                    "update custody_entry set actor = 'someone-else' where asset_id = '" + id + "' and position = 2"))
                    .hasMessageContaining("append-only");
            // ...but someone with the database's superuser rights can bypass triggers: the chain still tells.
            sql.execute("set session_replication_role = replica");
            sql.executeUpdate("update custody_entry set actor = 'someone-else' where asset_id = '" + id + "' and position = 2");
            sql.execute("set session_replication_role = origin");
        }
        given().header("Authorization", Tokens.bearer("reviewer")).when().get("/api/v1/media/" + id + "/custody")
                .then().statusCode(200).body("check.intact", equalTo(false)).body("check.brokenAt", equalTo(2));
    }

    @Test
    void aFixityCheckCatchesAnOriginalChangedBehindTheServicesBack() throws Exception {
        byte[] video = EvidenceFiles.shortVideo(8);
        String id = upload("ingest", video, "video/mp4", "v.mp4").then().statusCode(201).extract().path("id");
        given().header("Authorization", Tokens.bearer("analyst")).when().post("/api/v1/media/" + id + "/fixity-check")
                .then().statusCode(200).body("ok", equalTo(true));

        byte[] altered = video.clone();
        altered[1000] ^= 1;
        s3().putObject(PutObjectArgs.builder().bucket("shahed-evidence").object("sha256/" + sha256(video))
                .data(altered, altered.length).build());

        given().header("Authorization", Tokens.bearer("analyst")).when().post("/api/v1/media/" + id + "/fixity-check")
                .then().statusCode(200).body("ok", equalTo(false)).body("actualSha256", equalTo(sha256(altered)));
        given().header("Authorization", Tokens.bearer("analyst")).when().get("/api/v1/media/" + id)
                .then().body("reviewFlag", equalTo("fixity-failed")).body("lastFixityOk", equalTo(false));
        JsonNode last = new ObjectMapper().readTree(given().header("Authorization", Tokens.bearer("analyst"))
                .when().get("/api/v1/media/" + id + "/custody").asString()).path("entries");
        assertThat(last.get(last.size() - 1).path("action").asText()).isEqualTo("fixity-checked");
        assertThat(last.get(last.size() - 1).path("details").path("ok").asBoolean()).isFalse();
    }

    @Test
    void anEvidencePacketChecksWithStandardToolsAndPartnersGetOnlyThePreview() throws Exception {
        byte[] photo = EvidenceFiles.photoWithGps(30);
        // Browsers send forms.
        Response uploaded = given().header("Authorization", Tokens.bearer("analyst"))
                .multiPart("file", "market.jpg", photo, "image/jpeg").multiPart("acquisitionMethod", "downloaded")
                .multiPart("sourceUrl", "https://www.facebook.com/example/posts/1")
                .when().post("/api/v1/media");
        String id = uploaded.then().statusCode(201)
                .body("originalFileName", equalTo("market.jpg")).body("acquisition.method", equalTo("downloaded"))
                .extract().path("id");

        Map<String, byte[]> packet = unzip(given().header("Authorization", Tokens.bearer("reviewer"))
                .when().get("/api/v1/media/" + id + "/evidence-packet")
                .then().statusCode(200).contentType("application/zip").extract().asByteArray());
        assertThat(packet).containsKeys("original/market.jpg", "record.json", "custody.json", "manifest.json",
                "timestamp.tsr", "SHA256SUMS");
        assertThat(packet.get("original/market.jpg")).isEqualTo(photo);
        // What `sha256sum -c SHA256SUMS` does: every listed file has the listed hash.
        for (String line : new String(packet.get("SHA256SUMS"), StandardCharsets.UTF_8).split("\n")) {
            String[] sum = line.split("  ", 2);
            assertThat(sha256(packet.get(sum[1]))).as(sum[1]).isEqualTo(sum[0]);
        }
        JsonNode custodyJson = new ObjectMapper().readTree(packet.get("custody.json"));
        assertThat(custodyJson.path("check").path("intact").asBoolean()).isTrue();
        assertThat(custodyJson.path("entries").get(custodyJson.path("entries").size() - 1).path("action").asText())
                .isEqualTo("exported");

        given().header("Authorization", Tokens.bearer("partner")).when().get("/api/v1/media/" + id + "/evidence-packet")
                .then().statusCode(404);
        MediaLinksTest.documentPublishedIncident(id);
        String etag = given().header("Authorization", Tokens.bearer("analyst")).when().get("/api/v1/media/" + id).header("ETag");
        given().header("Authorization", Tokens.bearer("reviewer")).header("If-Match", etag).contentType("application/json")
                .body("{\"graphic\": false, \"protectedPersonsVisible\": false, \"consent\": \"not-needed\", \"clearedForSharing\": true}")
                .when().put("/api/v1/media/" + id + "/sensitivity").then().statusCode(200);
        given().header("Authorization", Tokens.bearer("partner")).when().get("/api/v1/media/" + id + "/evidence-packet")
                .then().statusCode(403);
        Map<String, byte[]> shared = unzip(given().header("Authorization", Tokens.bearer("partner"))
                .queryParam("variant", "preview").when().get("/api/v1/media/" + id + "/evidence-packet")
                .then().statusCode(200).extract().asByteArray());
        assertThat(shared).containsKey("derivative/preview.jpg").doesNotContainKey("original/market.jpg");
        assertThat(new String(shared.get("record.json"))).doesNotContain("latitude").doesNotContain("facebook");
    }

    @Test
    void reviewersRecordVerificationWhichIsVersionedLoggedAndPublished() throws Exception {
        byte[] photo = EvidenceFiles.photoWithGps(50);
        Response uploaded = upload("ingest", photo, "image/jpeg", "geolocated.jpg");
        String id = uploaded.then().statusCode(201).extract().path("id");
        String verification = "{\"status\": \"verified\", \"methods\": [\"source-identification\", \"geolocation\", \"chronolocation\"],"
                + " \"notes\": \"Minaret and water tower match satellite imagery of Al Qouriyah; shadows fit 09:40 local time\"}";
        given().header("Authorization", Tokens.bearer("analyst")).header("If-Match", uploaded.header("ETag"))
                .contentType("application/json").body(verification).when().put("/api/v1/media/" + id + "/verification")
                .then().statusCode(403);
        given().header("Authorization", Tokens.bearer("reviewer")).header("If-Match", "\"99\"")
                .contentType("application/json").body(verification).when().put("/api/v1/media/" + id + "/verification")
                .then().statusCode(412);
        given().header("Authorization", Tokens.bearer("reviewer")).contentType("application/json")
                .header("If-Match", uploaded.header("ETag")).body("{\"status\": \"proven\"}")
                .when().put("/api/v1/media/" + id + "/verification").then().statusCode(400);
        try (TopicReader events = new TopicReader("shahed.media")) {
            given().header("Authorization", Tokens.bearer("reviewer")).header("If-Match", uploaded.header("ETag"))
                    .contentType("application/json").body(verification).when().put("/api/v1/media/" + id + "/verification")
                    .then().statusCode(200).body("verification.status", equalTo("verified"))
                    .body("verification.verifiedBy", equalTo("test-reviewer"))
                    .body("verification.methods", Matchers.hasItem("geolocation"));
            assertThat(events.await(e -> id.equals(e.getSubject()) && "org.shahed.media.verified".equals(e.getType()), 1,
                    Duration.ofSeconds(30))).hasSize(1);
        }
        assertThat(given().header("Authorization", Tokens.bearer("analyst")).queryParam("verificationStatus", "verified")
                .queryParam("sha256", sha256(photo)).when().get("/api/v1/media").then().statusCode(200)
                .extract().jsonPath().getList("items.id")).containsExactly(id);
        assertThat(given().header("Authorization", Tokens.bearer("analyst")).when().get("/api/v1/media/" + id + "/custody")
                .then().extract().jsonPath().getList("entries.action")).contains("verification-recorded");
        // The largest accepted upload comes from configuration: a resumable upload beyond it is refused at once.
        given().header("Authorization", Tokens.bearer("ingest")).contentType("application/json")
                .body("{\"totalBytes\": 5000000000}").when().post("/api/v1/media/uploads")
                .then().statusCode(400).body("violations[0].field", equalTo("totalBytes"));
    }

    static Map<String, byte[]> unzip(byte[] zip) throws Exception {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                entries.put(entry.getName(), in.readAllBytes());
            }
        }
        return entries;
    }

    static MinioClient s3() {
        var config = ConfigProvider.getConfig();
        return MinioClient.builder().endpoint(config.getValue("shahed.s3.endpoint", String.class))
                .credentials(config.getValue("shahed.s3.access-key", String.class),
                        config.getValue("shahed.s3.secret-key", String.class))
                .region("us-east-1").build();
    }

    static boolean objectExists(String key) throws Exception {
        try {
            s3().statObject(StatObjectArgs.builder().bucket("shahed-evidence").object(key).build());
            return true;
        } catch (ErrorResponseException e) {
            return false;
        }
    }
}
