package org.shahed.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * An S3-compatible server (S3Proxy on its filesystem backend) on 127.0.0.1, with AWS Signature V4 enforced,
 * so that the MinIO SDK speaks real, signed S3 to it. Production uses MinIO instead.
 */
public final class S3Server implements AutoCloseable {
    private static final List<String> JVM_OPTIONS = List.of("-Xmx256m", "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1");

    private final int port;
    private final String accessKey;
    private final String secretKey;
    private final ServerProcess server;

    private S3Server(Path dir, int port, String accessKey, String secretKey) {
        this.port = port;
        this.accessKey = accessKey;
        this.secretKey = secretKey;
        this.server = ServerProcess.java("S3Proxy", "s3proxy.classpath", JVM_OPTIONS, "org.gaul.s3proxy.Main",
                List.of("--properties", dir.resolve("s3proxy.properties").toString()), dir, dir.resolve("s3proxy.log"));
    }

    /** Starts the server over the buckets kept in {@code dir}/buckets. */
    public static S3Server start(Path dir, int port, String accessKey, String secretKey) {
        S3Server s3 = new S3Server(dir, port, accessKey, secretKey);
        try {
            Path buckets = Files.createDirectories(dir.resolve("buckets"));
            Files.writeString(dir.resolve("s3proxy.properties"), String.join("\n",
                    "s3proxy.endpoint=http://127.0.0.1:" + port,
                    "s3proxy.authorization=aws-v2-or-v4",
                    "s3proxy.identity=" + accessKey,
                    "s3proxy.credential=" + secretKey,
                    "jclouds.provider=filesystem",
                    "jclouds.filesystem.basedir=" + buckets,
                    ""));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        s3.server.start();
        s3.server.awaitReady(s3::listens, Duration.ofSeconds(60));
        return s3;
    }

    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    public String accessKey() {
        return accessKey;
    }

    public String secretKey() {
        return secretKey;
    }

    @Override
    public void close() {
        server.stop(Duration.ofSeconds(10));
    }

    private boolean listens() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
