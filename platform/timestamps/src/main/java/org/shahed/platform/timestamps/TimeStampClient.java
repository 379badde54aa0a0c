package org.shahed.platform.timestamps;

import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;

import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampResponse;
import org.bouncycastle.tsp.TimeStampToken;

/**
 * Asks an RFC 3161 time-stamping authority to sign a SHA-256 with the time: proof, independent of Shahed, that
 * the hashed bytes existed unaltered then. The response is kept as received (DER), so that {@code openssl ts
 * -verify} or any other tool can check it; it is checked here to answer exactly the request sent.
 */
public final class TimeStampClient {
    private static final SecureRandom NONCES = new SecureRandom();

    /** A signed time for a hash: the authority's response as received, its time and serial number. */
    public record Stamp(byte[] response, Instant time, String serialNumber, String tsa) {
    }

    private final URI authority;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    public TimeStampClient(URI authority) {
        this.authority = authority;
    }

    /** Asks the authority to stamp {@code sha256} (32 bytes); the certificate is asked to be included. */
    public Stamp stamp(byte[] sha256) throws IOException, TSPException, InterruptedException {
        TimeStampRequestGenerator generator = new TimeStampRequestGenerator();
        generator.setCertReq(true);
        TimeStampRequest request = generator.generate(TSPAlgorithms.SHA256, sha256, new BigInteger(64, NONCES));
        HttpResponse<byte[]> answer = http.send(HttpRequest.newBuilder(authority).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/timestamp-query")
                .POST(HttpRequest.BodyPublishers.ofByteArray(request.getEncoded())).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        if (answer.statusCode() != 200) {
            throw new IOException("time-stamping authority answered HTTP " + answer.statusCode());
        }
        TimeStampResponse response = new TimeStampResponse(answer.body());
        response.validate(request);
        TimeStampToken token = response.getTimeStampToken();
        if (token == null) {
            throw new TSPException("time-stamping authority refused: " + response.getStatusString());
        }
        return new Stamp(response.getEncoded(), token.getTimeStampInfo().getGenTime().toInstant(),
                token.getTimeStampInfo().getSerialNumber().toString(), authority.toString());
    }
}
