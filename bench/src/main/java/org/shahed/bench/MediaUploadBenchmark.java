package org.shahed.bench;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.SplittableRandom;

import org.shahed.infra.LocalInfra;

import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.UploadObjectArgs;

/**
 * A large evidence video uploaded through the gateway and straight to media-service, and downloaded through the
 * gateway, against the same bytes put into and got from the object store with the MinIO SDK, in the same run. Every
 * process has a 256 MB heap: the transfer must succeed without the file ever fitting in one, and the figures show what
 * the suite adds (disk spool, hashing, type detection, custody records, the proxy).
 */
final class MediaUploadBenchmark {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private MediaUploadBenchmark() {
    }

    static void run(LocalInfra infra, Path root, Path dir, int megabytes) throws Exception {
        Path viaGateway = dir.resolve("strike.mp4");
        Path direct = dir.resolve("second-strike.mp4");
        String sha256 = writeVideo(viaGateway, megabytes, 2016_06_25L);
        String directSha256 = writeVideo(direct, megabytes, 2016_06_26L);
        System.out.printf("media benchmark: two %,d MB videos, SHA-256 %s and %s%n", megabytes, sha256, directSha256);
        double mb = megabytes;

        Map<String, String> config = infra.serviceConfig("media");
        MinioClient s3 = MinioClient.builder().endpoint(config.get("shahed.s3.endpoint"))
                .credentials(config.get("shahed.s3.access-key"), config.get("shahed.s3.secret-key")).region("us-east-1").build();
        if (!s3.bucketExists(BucketExistsArgs.builder().bucket("bench-raw").build())) {
            s3.makeBucket(MakeBucketArgs.builder().bucket("bench-raw").build());
        }
        long rawStart = System.nanoTime();
        s3.uploadObject(UploadObjectArgs.builder().bucket("bench-raw").object("strike.mp4")
                .filename(viaGateway.toString(), 16L * 1024 * 1024).contentType("video/mp4").build());
        double rawPutSeconds = (System.nanoTime() - rawStart) / 1e9;

        try (WholeSuite suite = WholeSuite.start(infra, root, dir)) {
            String ingest = suite.ingestToken();
            String analyst = WholeSuite.token(infra, "benchmark-analyst", "analyst");

            double directSeconds = upload(suite.url("media-service"), ingest, direct, directSha256);
            long start = System.nanoTime();
            String id = Figures.field(upload(suite.url("gateway"), ingest, viaGateway, sha256, start), "id");
            double gatewaySeconds = (System.nanoTime() - start) / 1e9;

            rawStart = System.nanoTime();
            String rawGot;
            try (InputStream object = s3.getObject(GetObjectArgs.builder().bucket("bench-raw").object("strike.mp4").build())) {
                rawGot = drain(object);
            }
            double rawGetSeconds = (System.nanoTime() - rawStart) / 1e9;
            start = System.nanoTime();
            HttpResponse<InputStream> download = HTTP.send(HttpRequest.newBuilder(
                    URI.create(suite.url("gateway") + "/api/v1/media/" + id + "/content"))
                    .header("Authorization", "Bearer " + analyst).timeout(Duration.ofMinutes(30)).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            String got;
            try (InputStream body = download.body()) {
                if (download.statusCode() != 200) {
                    throw new IllegalStateException("download failed: " + download.statusCode());
                }
                got = drain(body);
            }
            double downloadSeconds = (System.nanoTime() - start) / 1e9;
            if (!got.equals(sha256) || !rawGot.equals(sha256)) {
                throw new IllegalStateException("downloaded bytes differ: " + got + ", raw " + rawGot);
            }

            System.out.printf("  upload through the gateway (spool, hash, detect, store, custody): %7.2f s  %7.1f MB/s%n",
                    gatewaySeconds, mb / gatewaySeconds);
            System.out.printf("  upload straight to media-service:                                %7.2f s  %7.1f MB/s%n",
                    directSeconds, mb / directSeconds);
            System.out.printf("  MinIO SDK put of the same bytes into the object store:           %7.2f s  %7.1f MB/s%n",
                    rawPutSeconds, mb / rawPutSeconds);
            System.out.printf("  download through the gateway (custody entry, streamed):          %7.2f s  %7.1f MB/s%n",
                    downloadSeconds, mb / downloadSeconds);
            System.out.printf("  MinIO SDK get of the same object:                                %7.2f s  %7.1f MB/s%n",
                    rawGetSeconds, mb / rawGetSeconds);
            System.out.printf("  ratio upload/raw put: gateway %.2f, media-service %.2f; ratio download/raw get: %.2f;"
                    + " every process had a 256 MB heap%n", rawPutSeconds / gatewaySeconds, rawPutSeconds / directSeconds,
                    rawGetSeconds / downloadSeconds);
            Figures.result("upload of " + megabytes + " MB through the gateway", String.format("%.1f MB/s (straight to"
                    + " media-service %.1f MB/s)", mb / gatewaySeconds, mb / directSeconds), String.format("S3 put %.1f MB/s",
                            mb / rawPutSeconds), rawPutSeconds / gatewaySeconds, "≥ 0.8×, heap 256 MB",
                    rawPutSeconds / gatewaySeconds >= 0.8);
            Figures.result("download of " + megabytes + " MB through the gateway", String.format("%.1f MB/s",
                    mb / downloadSeconds), String.format("S3 get %.1f MB/s", mb / rawGetSeconds), rawGetSeconds / downloadSeconds,
                    "≥ 0.8×", rawGetSeconds / downloadSeconds >= 0.8);
        }
    }

    private static double upload(String base, String token, Path video, String sha256) throws Exception {
        long start = System.nanoTime();
        upload(base, token, video, sha256, start);
        return (System.nanoTime() - start) / 1e9;
    }

    /** POSTs the video as evidence and returns the answer, which must be a 201 naming its hash. */
    private static String upload(String base, String token, Path video, String sha256, long started) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/media"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "video/mp4")
                .header("X-File-Name", video.getFileName().toString()).header("X-Content-SHA256", sha256)
                .timeout(Duration.ofMinutes(30)).POST(HttpRequest.BodyPublishers.ofFile(video)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201 || !response.body().contains(sha256)) {
            throw new IllegalStateException("upload to " + base + " failed after " + (System.nanoTime() - started) / 1e9
                    + " s: " + response.statusCode() + " " + response.body());
        }
        return response.body();
    }

    /** Reads a stream to its end, keeping nothing but its SHA-256 (both downloads pay the same hashing). */
    private static String drain(InputStream in) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        byte[] buffer = new byte[256 * 1024];
        for (int n; (n = in.read(buffer)) >= 0; ) {
            digest.update(buffer, 0, n);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** An MP4 header and random media data, written and hashed in one pass. */
    private static String writeVideo(Path file, int megabytes, long seed) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        SplittableRandom random = new SplittableRandom(seed);
        byte[] chunk = new byte[1024 * 1024];
        try (OutputStream out = new DigestOutputStream(Files.newOutputStream(file), digest)) {
            out.write(new byte[] { 0, 0, 0, 0x18, 'f', 't', 'y', 'p', 'm', 'p', '4', '2', 0, 0, 0, 0, 'i', 's', 'o', 'm',
                    'm', 'p', '4', '2' });
            for (int i = 0; i < megabytes; i++) {
                for (int j = 0; j < chunk.length; j += 8) {
                    long value = random.nextLong();
                    for (int k = 0; k < 8; k++) {
                        chunk[j + k] = (byte) (value >>> (8 * k));
                    }
                }
                out.write(chunk);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
