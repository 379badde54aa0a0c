package org.shahed.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** One Shahed service (a Quarkus fast-jar) running as its own process: the local stack and the benchmarks. */
public final class ServiceProcess {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final int port;
    private final ServerProcess process;

    private ServiceProcess(String name, int port, ServerProcess process) {
        this.name = name;
        this.port = port;
        this.process = process;
    }

    /** Starts {@code jar} with {@code config} as system properties; does not wait for it. */
    public static ServiceProcess start(String name, Path jar, int port, Map<String, String> config, Path logFile,
            List<String> jvmOptions) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build first (./mvnw install -DskipTests)");
        }
        List<String> jvm = new ArrayList<>(jvmOptions);
        config.forEach((key, value) -> jvm.add("-D" + key + "=" + value));
        jvm.add("-Dquarkus.http.port=" + port);
        jvm.add("-Dquarkus.http.host=127.0.0.1");
        jvm.add("-jar");
        jvm.add(jar.toString());
        ServerProcess process = ServerProcess.command(name, jvm, jar.getParent(), logFile);
        truncate(logFile);
        process.start();
        return new ServiceProcess(name, port, process);
    }

    /** The operating system's id of the service's process. */
    public long pid() {
        return process.pid();
    }

    public void awaitReady(Duration timeout) {
        process.awaitReady(this::ready, timeout);
    }

    public String name() {
        return name;
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public Path logFile() {
        return process.logFile();
    }

    /** Kills the process at once (SIGKILL): nothing of it runs its shutdown. */
    public void kill() {
        process.kill();
    }

    public void stop() {
        process.stop(Duration.ofSeconds(20));
    }

    private boolean ready() {
        try {
            HttpResponse<Void> response = HTTP.send(
                    HttpRequest.newBuilder(URI.create(url() + "/q/health/ready")).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void truncate(Path logFile) {
        try {
            Files.createDirectories(logFile.getParent());
            Files.deleteIfExists(logFile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
