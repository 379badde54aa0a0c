package org.shahed.media;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.shahed.testing.Tokens;
import org.shahed.testing.TopicWriter;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * Who reads which evidence files and what of them, and the files and requests that must not get through (issue
 * 15's findings in media-service, each with the request that showed it).
 */
@QuarkusTest
class MediaDisclosureTest {
    private static final String CLEARED = "{\"graphic\": false, \"protectedPersonsVisible\": false, \"consent\": \"not-needed\", \"clearedForSharing\": true}";

    private static void clear(String id) {
        String etag = given().header("Authorization", Tokens.bearer("analyst")).when().get("/api/v1/media/" + id).header("ETag");
        given().header("Authorization", Tokens.bearer("reviewer")).header("If-Match", etag).contentType("application/json")
                .body(CLEARED).when().put("/api/v1/media/" + id + "/sensitivity").then().statusCode(200);
    }

    @Test
    void aClearedFileOfADraftIncidentStaysWithTheStaffAndItsLinksReasonsAndWorkingsNeverReachPartners() throws Exception {
        String id = MediaTest.upload("analyst", EvidenceFiles.photoWithGps(601), "image/jpeg", "AbuAhmad_+963944000000.jpg")
                .then().statusCode(201).extract().path("id");
        UUID draft = UUID.randomUUID();
        MediaLinksTest.incidentEvent(draft, 1, "draft");
        MediaLinksTest.link(id, "incident", draft, "sent by Abu Ahmad's cousin").then().statusCode(201);
        clear(id);
        // Cleared, but it documents a draft only: partners neither find it nor read it.
        given().header("Authorization", Tokens.bearer("partner")).queryParam("incidentId", draft).when().get("/api/v1/media")
                .then().statusCode(200).body("items.size()", equalTo(0));
        given().header("Authorization", Tokens.bearer("partner")).when().get("/api/v1/media/" + id).then().statusCode(404);

        // Once it documents a published incident too, partners read it, but not the link to the draft, the links'
        // reasons, the verification's notes or who verified it.
        UUID published = MediaLinksTest.documentPublishedIncident(id);
        String etag = given().header("Authorization", Tokens.bearer("analyst")).when().get("/api/v1/media/" + id).header("ETag");
        given().header("Authorization", Tokens.bearer("reviewer")).header("If-Match", etag).contentType("application/json")
                .body("{\"status\": \"verified\", \"methods\": [\"geolocation\"], \"notes\": \"matched the minaret seen from the house of Khalil\"}")
                .when().put("/api/v1/media/" + id + "/verification").then().statusCode(200);
        String record = given().header("Authorization", Tokens.bearer("partner")).when().get("/api/v1/media/" + id)
                .then().statusCode(200).body("verification.status", equalTo("verified"))
                .body("links.targetId", Matchers.contains(published.toString())).extract().asString();
        assertThat(record).doesNotContain(draft.toString()).doesNotContain("cousin").doesNotContain("Khalil")
                .doesNotContain("test-reviewer").doesNotContain("+963").doesNotContain("Shahed Test Camera");
        given().header("Authorization", Tokens.bearer("partner")).queryParam("incidentId", draft).when().get("/api/v1/media")
                .then().statusCode(200).body("items.size()", equalTo(0));
        // Who uploaded a file is not a filter partners may probe with.
        given().header("Authorization", Tokens.bearer("partner")).queryParam("uploadedBy", "test-analyst")
                .when().get("/api/v1/media").then().statusCode(403).body("violations[0].field", equalTo("uploadedBy"));
        given().header("Authorization", Tokens.bearer("analyst")).urlEncodingEnabled(false)
                .when().get("/api/v1/media?uploadedBy=test%00analyst").then().statusCode(400)
                .body("violations[0].field", equalTo("uploadedBy"));

        // The evidence packet's custody log: the chain's links, not the file name, storage key or reasons.
        byte[] zip = given().header("Authorization", Tokens.bearer("partner")).queryParam("variant", "preview")
                .when().get("/api/v1/media/" + id + "/evidence-packet").then().statusCode(200).extract().asByteArray();
        Map<String, byte[]> packet = MediaTest.unzip(zip);
        String custody = new String(packet.get("custody.json"), StandardCharsets.UTF_8);
        assertThat(custody).contains("sha256").doesNotContain("AbuAhmad").doesNotContain("+963944000000")
                .doesNotContain("sha256/").doesNotContain("cousin").doesNotContain("Khalil");
        assertThat(new String(packet.get("record.json"), StandardCharsets.UTF_8)).doesNotContain("AbuAhmad");

        // The published incident retracted: the file leaves partners' feed as a tombstone.
        String since = given().header("Authorization", Tokens.bearer("partner")).queryParam("limit", 500)
                .when().get("/api/v1/media/changes").then().extract().path("next");
        while (true) {
            JsonPath page = given().header("Authorization", Tokens.bearer("partner")).queryParam("since", since)
                    .queryParam("limit", 500).when().get("/api/v1/media/changes").then().statusCode(200).extract().jsonPath();
            if (page.getList("items").isEmpty()) {
                break;
            }
            since = page.getString("next");
        }
        MediaLinksTest.incidentEvent(published, 2, "retracted");
        JsonPath after = given().header("Authorization", Tokens.bearer("partner")).queryParam("since", since)
                .when().get("/api/v1/media/changes").then().statusCode(200).extract().jsonPath();
        assertThat(after.getBoolean("items.find { it.id == '" + id + "' }.tombstone")).isTrue();
        given().header("Authorization", Tokens.bearer("partner")).when().get("/api/v1/media/" + id).then().statusCode(404);
    }

    @Test
    void editingAFileWhileItsIncidentIsPublishedAndWithdrawnNeverFails() throws Exception {
        String id = MediaTest.upload("analyst", EvidenceFiles.pdf("race " + UUID.randomUUID()), "application/pdf", "race.pdf")
                .then().statusCode(201).extract().path("id");
        UUID incident = MediaLinksTest.documentPublishedIncident(id);
        // The incident's publication flips while reviewers edit the file: both renumber it in the changes feed.
        Thread flips = new Thread(() -> {
            try (TopicWriter topic = new TopicWriter()) {
                for (int version = 2; version < 40; version++) {
                    String status = version % 2 == 0 ? "draft" : "published";
                    topic.send("shahed.incidents", UUID.randomUUID().toString(), "/shahed/incident-service",
                            "org.shahed.incident." + (status.equals("draft") ? "returned-to-draft" : status),
                            incident.toString(), MediaLinksTest.incident(incident, version, status));
                }
            }
        });
        flips.start();
        List<Integer> statuses = new ArrayList<>();
        for (int edit = 0; edit < 30; edit++) {
            String etag = given().header("Authorization", Tokens.bearer("analyst")).when().get("/api/v1/media/" + id).header("ETag");
            statuses.add(given().header("Authorization", Tokens.bearer("reviewer")).header("If-Match", etag)
                    .contentType("application/json").body("{\"status\": \"verified\", \"methods\": [\"geolocation\"]}")
                    .when().put("/api/v1/media/" + id + "/verification").then().extract().statusCode());
        }
        flips.join();
        assertThat(statuses).doesNotContain(500);
    }

    @Test
    void anIngestionScriptReadsTheRecordsOfItsOwnUploadsButNoPreviewOfAFileNeverCleared() throws Exception {
        String snhr = Tokens.bearerOf("SNHR", "ingest");
        String id = given().header("Authorization", snhr).contentType("image/jpeg").header("X-File-Name", "field.jpg")
                .body(EvidenceFiles.photoWithGps(602)).when().post("/api/v1/media").then().statusCode(201).extract().path("id");
        given().header("Authorization", snhr).when().get("/api/v1/media/" + id).then().statusCode(200)
                .body("originalFileName", Matchers.nullValue()).body("location", Matchers.nullValue());
        given().header("Authorization", snhr).when().get("/api/v1/media/" + id + "/derivatives/preview").then().statusCode(404);
        given().header("Authorization", Tokens.bearerOf("Another Org", "ingest")).when().get("/api/v1/media/" + id)
                .then().statusCode(404);
    }

    @Test
    void rangesBeyondAnyFileAreServedOrRefusedNeverAFailure() throws Exception {
        byte[] pdf = EvidenceFiles.pdf("range " + UUID.randomUUID());
        String id = MediaTest.upload("analyst", pdf, "application/pdf", "range.pdf").then().statusCode(201).extract().path("id");
        given().header("Authorization", Tokens.bearer("analyst")).header("Range", "bytes=0-99999999999999999999999")
                .when().get("/api/v1/media/" + id + "/content").then().statusCode(206)
                .header("Content-Range", "bytes 0-" + (pdf.length - 1) + "/" + pdf.length);
        for (String range : new String[] { "bytes=99999999999999999999999-", "bytes=abc", "pages=1-2" }) {
            given().header("Authorization", Tokens.bearer("analyst")).header("Range", range)
                    .when().get("/api/v1/media/" + id + "/content").then().statusCode(416)
                    .contentType("application/problem+json");
        }
    }

    @Test
    void aPhotoDeclaringMorePixelsThanTheBudgetIsKeptWithoutCopies() throws Exception {
        // A progressive JPEG whose header claims 30000 × 30000 pixels: decoding it would need gigabytes.
        BufferedImage image = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
            writer.write(null, new IIOImage(image, null, null), param);
        }
        byte[] jpeg = bytes.toByteArray();
        for (int i = 0; i + 8 < jpeg.length; i++) {
            if ((jpeg[i] & 0xff) == 0xff && (jpeg[i + 1] & 0xff) == 0xc2) { // SOF2: progressive
                jpeg[i + 5] = (byte) (30000 >> 8);
                jpeg[i + 6] = (byte) (30000 & 0xff);
                jpeg[i + 7] = (byte) (30000 >> 8);
                jpeg[i + 8] = (byte) (30000 & 0xff);
                break;
            }
        }
        MediaTest.upload("analyst", jpeg, "image/jpeg", "huge.jpg").then().statusCode(201)
                .body("derivatives", Matchers.empty());
    }

    @Test
    void officeDocumentsAreRecognisedByWhatTheyHoldNotByTheirFirstBytes() throws Exception {
        String mainType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml";
        String declaration = "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                + "<Override PartName=\"/word/document.xml\" ContentType=\"" + mainType + "\"/></Types>";
        byte[] docx = zip(Map.of("[Content_Types].xml", declaration,
                "word/document.xml", "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"/>"
                        + UUID.randomUUID()));
        MediaTest.upload("analyst", docx, "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                "statement.docx").then().statusCode(201).body("kind", equalTo("document"));
        // Any archive can start with an entry of that name: without the document it declares, it is refused.
        byte[] disguised = zip(Map.of("[Content_Types].xml", declaration.replace(mainType, "text/plain"),
                "payload.sh", "#!/bin/sh\necho " + UUID.randomUUID()));
        Response refused = MediaTest.upload("analyst", disguised, "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                "statement.docx");
        refused.then().statusCode(415).contentType("application/problem+json");
        // Legacy binary Office files (OLE2) are not kept: their magic bytes tell nothing of what they hold.
        byte[] ole2 = new byte[4096];
        new Random(603).nextBytes(ole2);
        System.arraycopy(new byte[] { (byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1 },
                0, ole2, 0, 8);
        MediaTest.upload("analyst", ole2, "application/msword", "old.doc").then().statusCode(415);
    }

    /** A ZIP with these entries, {@code [Content_Types].xml} first (as Office writes it). */
    private static byte[] zip(Map<String, String> entries) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (String name : entries.keySet().stream().sorted((a, b) -> a.startsWith("[") ? -1 : b.startsWith("[") ? 1 : a.compareTo(b)).toList()) {
                zip.putNextEntry(new ZipEntry(name));
                zip.write(entries.get(name).getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }
}
