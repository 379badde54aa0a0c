package org.shahed.media.custody;

import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;

import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampResponse;
import org.bouncycastle.tsp.TimeStampToken;
import org.shahed.media.MediaConfig;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * RFC 3161 trusted timestamps: a time-stamping authority (configured by {@code shahed.media.tsa.url}) signs an
 * original's SHA-256 with the time, which proves the file existed unaltered at that time, independently of
 * Shahed. The response is kept as received, so that {@code openssl ts -verify} can check it.
 */
@ApplicationScoped
public class TrustedTimestamps {
    @Inject
    MediaConfig config;
    private static final SecureRandom NONCES = new SecureRandom();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();


    /** A signed time for a hash: the authority's response as received, its time and serial number. */
    public record Stamp(byte[] response, Instant time, String serialNumber, String tsa) {
    }

    public boolean configured() {
        return config.tsa().url().isPresent();
    }

    /** Asks the authority to stamp {@code sha256Hex}; the response is checked to answer exactly this request. */
    public Stamp stamp(String sha256Hex) throws IOException, TSPException, InterruptedException {
        TimeStampRequestGenerator generator = new TimeStampRequestGenerator();
        generator.setCertReq(true);
        TimeStampRequest request = generator.generate(TSPAlgorithms.SHA256, HexFormat.of().parseHex(sha256Hex),
                new BigInteger(64, NONCES));
        HttpResponse<byte[]> answer = http.send(HttpRequest.newBuilder(URI.create(config.tsa().url().orElseThrow()))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/timestamp-query")
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
                token.getTimeStampInfo().getSerialNumber().toString(), config.tsa().url().get());
    }
}
