package org.shahed.bench;

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
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import org.shahed.infra.FreePorts;
import org.shahed.infra.LocalInfra;
import org.shahed.infra.ServiceProcess;

import io.minio.BucketExistsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.UploadObjectArgs;

/**
 * A large evidence video through media-service (256 MB heap) against the same file put straight into the object
 * store with the MinIO SDK, in the same run: the upload must succeed without the file ever fitting in the heap,
 * and the figures show what the service adds (disk spool, hashing, type detection, custody records).
 */
final class MediaUploadBenchmark {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private MediaUploadBenchmark() {
    }

    static void run(LocalInfra infra, Path root, Path dir, int megabytes) throws Exception {
        Path video = dir.resolve("strike.mp4");
        String sha256 = writeVideo(video, megabytes);
        System.out.printf("media upload benchmark: a %,d MB video, SHA-256 %s%n", megabytes, sha256);

        Map<String, String> config = infra.serviceConfig("media");
        MinioClient s3 = MinioClient.builder().endpoint(config.get("shahed.s3.endpoint"))
                .credentials(config.get("shahed.s3.access-key"), config.get("shahed.s3.secret-key")).region("us-east-1").build();
        if (!s3.bucketExists(BucketExistsArgs.builder().bucket("bench-raw").build())) {
            s3.makeBucket(MakeBucketArgs.builder().bucket("bench-raw").build());
        }
        long rawStart = System.nanoTime();
        s3.uploadObject(UploadObjectArgs.builder().bucket("bench-raw").object("strike.mp4")
                .filename(video.toString(), 16L * 1024 * 1024).contentType("video/mp4").build());
        double rawSeconds = (System.nanoTime() - rawStart) / 1e9;

        ServiceProcess service = ServiceProcess.start("media-service",
                root.resolve("media-service/target/quarkus-app/quarkus-run.jar"), FreePorts.pick(), config,
                dir.resolve("media-service.log"), List.of("-Xmx256m", "-XX:+UseSerialGC"));
        try {
            service.awaitReady(Duration.ofMinutes(3));
            String token = infra.jwtKeys().token("benchmark", Set.of("ingest"), Duration.ofHours(1));
            long start = System.nanoTime();
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(service.url() + "/api/v1/media"))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "video/mp4")
                    .header("X-File-Name", "strike.mp4").header("X-Content-SHA256", sha256)
                    .timeout(Duration.ofMinutes(30)).POST(HttpRequest.BodyPublishers.ofFile(video)).build(),
                    HttpResponse.BodyHandlers.ofString());
            double apiSeconds = (System.nanoTime() - start) / 1e9;
            if (response.statusCode() != 201 || !response.body().contains(sha256)) {
                throw new IllegalStateException("upload failed: " + response.statusCode() + " " + response.body());
            }
            double mb = megabytes;
            System.out.printf("  media-service upload (-Xmx256m; spool, hash, detect, store, custody): %7.2f s  %7.1f MB/s%n",
                    apiSeconds, mb / apiSeconds);
            System.out.printf("  MinIO SDK put of the same file straight into the object store:     %7.2f s  %7.1f MB/s%n",
                    rawSeconds, mb / rawSeconds);
            System.out.printf("  ratio upload/raw put: %.2f; the %,d MB file went through a 256 MB heap%n",
                    rawSeconds / apiSeconds, megabytes);
        } catch (Exception e) {
            List<String> log = Files.readAllLines(service.logFile());
            System.out.println("media-service log, last lines:");
            log.subList(Math.max(0, log.size() - 40), log.size()).forEach(System.out::println);
            throw e;
        } finally {
            service.stop();
        }
    }

    /** An MP4 header and random media data, written and hashed in one pass. */
    private static String writeVideo(Path file, int megabytes) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        SplittableRandom random = new SplittableRandom(2016_06_25L);
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
