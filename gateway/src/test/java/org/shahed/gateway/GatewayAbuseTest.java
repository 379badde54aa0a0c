package org.shahed.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.shahed.testing.Tokens;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.EncoderConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.http.ContentType;

/** What an untrusted caller cannot do through the gateway: oversized streamed bodies, guessing credentials. */
@QuarkusTest
@WithTestResource(value = StubBackendResource.class, scope = TestResourceScope.GLOBAL)
class GatewayAbuseTest {

    @Test
    void aChunkedBodyIsCountedAsItStreamsAndCutPastItsRoutesLimit() {
        // 11 MB to a JSON resource, chunked: no length to check first, so the gateway counts.
        InputStream body = new ByteArrayInputStream(new byte[11 * 1024 * 1024]);
        given().header("Authorization", Tokens.bearer("analyst")).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/incidents").then().statusCode(413).contentType("application/problem+json");
        // The same chunked to media (5 GB allowed) passes whole.
        InputStream video = new ByteArrayInputStream(new byte[11 * 1024 * 1024]);
        given().config(RestAssuredConfig.config().encoderConfig(EncoderConfig.encoderConfig()
                        .encodeContentTypeAs("video/mp4", ContentType.BINARY)))
                .header("Authorization", Tokens.bearer("analyst")).contentType("video/mp4").body(video)
                .when().post("/api/v1/media").then().statusCode(200).body("bodyBytes", equalTo(11 * 1024 * 1024));
    }

    @Test
    void anAddressThatKeepsFailingToAuthenticateIsRefusedBeforeItsCredentialsAreChecked() throws Exception {
        String valid = ApiKeysTest.partnerKey("from a blocked address");
        // From 127.0.0.2, so that this test's failures do not count against the other tests' address.
        for (int attempt = 0; attempt < 30; attempt++) {
            assertThat(status("127.0.0.2", "X-API-Key: shk_guess" + attempt)).isEqualTo(401);
        }
        assertThat(status("127.0.0.2", "X-API-Key: shk_guess-again")).isEqualTo(429);
        // Even a valid key is refused from there for a while, and the answer says when to retry.
        String answer = request("127.0.0.2", "X-API-Key: " + valid);
        assertThat(answer).startsWith("HTTP/1.1 429").containsIgnoringCase("Retry-After:");
        // Other addresses are not affected.
        given().header("X-API-Key", valid).when().get("/api/v1/thesauri").then().statusCode(200);
    }

    private static int status(String from, String credential) throws Exception {
        return Integer.parseInt(request(from, credential).substring(9, 12));
    }

    /** A GET of /api/v1/thesauri sent from the local address {@code from}; the answer's head and body. */
    private static String request(String from, String credential) throws Exception {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(from, 0));
            socket.connect(new InetSocketAddress("127.0.0.1", RestAssured.port));
            OutputStream out = socket.getOutputStream();
            out.write(("GET /api/v1/thesauri HTTP/1.1\r\nHost: gateway\r\nConnection: close\r\n" + credential + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
