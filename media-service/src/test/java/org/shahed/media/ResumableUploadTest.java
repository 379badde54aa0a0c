package org.shahed.media;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.shahed.testing.Tokens;

import io.minio.StatObjectArgs;
import io.minio.errors.ErrorResponseException;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/** Large files in parts over an unreliable link: resumed, completed into one asset, or abandoned without trace. */
@QuarkusTest
class ResumableUploadTest {
    private static final int MIB = 1024 * 1024;

    static String open(byte[] file, String sha256) {
        return given().header("Authorization", Tokens.bearer("ingest")).contentType("application/json")
                .body("{\"totalBytes\": %d, \"partBytes\": %d, \"fileName\": \"second-strike.mp4\", \"contentType\": \"video/mp4\", \"sha256\": \"%s\", \"acquisition\": {\"method\": \"direct-from-witness\"}}"
                        .formatted(file.length, MIB, sha256))
                .when().post("/api/v1/media/uploads").then().statusCode(201).extract().path("id");
    }

    static Response part(String upload, int number, byte[] bytes) {
        return given().header("Authorization", Tokens.bearer("ingest")).contentType("application/octet-stream").body(bytes)
                .when().put("/api/v1/media/uploads/" + upload + "/parts/" + number);
    }

    static byte[] slice(byte[] file, int number) {
        return Arrays.copyOfRange(file, (number - 1) * MIB, Math.min(file.length, number * MIB));
    }

    @Test
    void partsSentInAnyOrderAndResumedBecomeOneAssetAndTheirStagingObjectsGo() throws Exception {
        byte[] video = EvidenceFiles.video(40, "mp42", 2 * MIB + 123_456);
        String sha256 = MediaTest.sha256(video);
        String upload = open(video, sha256);
        part(upload, 3, slice(video, 3)).then().statusCode(200).body("sizeBytes", equalTo(slice(video, 3).length));
        part(upload, 1, slice(video, 1)).then().statusCode(200);
        // The link was cut: the client asks what arrived and sends the rest.
        JsonPath session = given().header("Authorization", Tokens.bearer("ingest")).when().get("/api/v1/media/uploads/" + upload)
                .then().statusCode(200).extract().jsonPath();
        assertThat(session.getList("receivedParts", Integer.class)).containsExactly(1, 3);
        assertThat(session.getInt("partCount")).isEqualTo(3);
        given().header("Authorization", Tokens.bearer("ingest")).when().post("/api/v1/media/uploads/" + upload + "/complete")
                .then().statusCode(409);
        part(upload, 2, Arrays.copyOf(slice(video, 2), 1000)).then().statusCode(400);
        part(upload, 2, new byte[MIB]).then().statusCode(200); // a wrong part, then sent again right
        part(upload, 2, slice(video, 2)).then().statusCode(200);
        given().header("Authorization", Tokens.bearer("analyst")).when().get("/api/v1/media/uploads/" + upload)
                .then().statusCode(404); // a session belongs to whoever opened it

        JsonPath media = given().header("Authorization", Tokens.bearer("ingest"))
                .when().post("/api/v1/media/uploads/" + upload + "/complete")
                .then().statusCode(201).extract().jsonPath();
        assertThat(media.getString("sha256")).isEqualTo(sha256);
        assertThat(media.getString("kind")).isEqualTo("video");
        assertThat(MediaTest.content(media.getString("id"), "analyst")).isEqualTo(video);
        given().header("Authorization", Tokens.bearer("ingest")).when().get("/api/v1/media/uploads/" + upload)
                .then().body("status", equalTo("completed")).body("mediaId", equalTo(media.getString("id")));
        for (int number = 1; number <= 3; number++) {
            assertThat(stagingExists(upload, number)).isFalse();
        }
    }

    @Test
    void anAbandonedUploadLeavesNothing() throws Exception {
        byte[] video = EvidenceFiles.video(41, "mp42", 2 * MIB);
        String upload = open(video, MediaTest.sha256(video));
        part(upload, 1, slice(video, 1)).then().statusCode(200);
        assertThat(stagingExists(upload, 1)).isTrue();
        given().header("Authorization", Tokens.bearer("ingest")).when().delete("/api/v1/media/uploads/" + upload)
                .then().statusCode(204);
        assertThat(stagingExists(upload, 1)).isFalse();
        part(upload, 2, slice(video, 2)).then().statusCode(409);
        assertThat(MediaTest.objectExists("sha256/" + MediaTest.sha256(video))).isFalse();
    }

    @Test
    void aJoinedFileThatIsRefusedEndsTheUploadAndLeavesNothing() throws Exception {
        byte[] exe = new byte[MIB + 10];
        System.arraycopy(EvidenceFiles.executable(), 0, exe, 0, 4096);
        String upload = open(exe, MediaTest.sha256(exe));
        part(upload, 1, slice(exe, 1)).then().statusCode(200);
        part(upload, 2, slice(exe, 2)).then().statusCode(200);
        given().header("Authorization", Tokens.bearer("ingest")).when().post("/api/v1/media/uploads/" + upload + "/complete")
                .then().statusCode(415);
        given().header("Authorization", Tokens.bearer("ingest")).when().get("/api/v1/media/uploads/" + upload)
                .then().body("status", equalTo("aborted"));
        assertThat(stagingExists(upload, 1)).isFalse();
        assertThat(MediaTest.objectExists("sha256/" + MediaTest.sha256(exe))).isFalse();
    }

    static boolean stagingExists(String upload, int number) throws Exception {
        try {
            MediaTest.s3().statObject(StatObjectArgs.builder().bucket("shahed-working").object("uploads/" + upload + "/" + number).build());
            return true;
        } catch (ErrorResponseException e) {
            return false;
        }
    }
}
