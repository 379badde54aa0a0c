package org.shahed.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

import org.shahed.infra.LocalInfra;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Starts real PostgreSQL, Kafka and S3 servers once for a module's tests and points the application at them.
 * Register it once per module (e.g. {@code @QuarkusTestResource(RealInfraResource.class)} on one test class):
 * every {@code @QuarkusTest} of the module then shares the servers and a single application start, and tests
 * keep their state apart through their own data. The init arg {@code database} names the service's database;
 * {@code signs-tokens=true} configures it as the gateway, which signs the tokens API keys are exchanged for.
 */
public class RealInfraResource implements QuarkusTestResourceLifecycleManager {
    private static LocalInfra infra;
    private static Path dataDir;
    private String database = "app";
    private boolean signsTokens;

    /** The servers of the running test session, for tests that talk to them directly or stop the broker. */
    public static LocalInfra infra() {
        if (infra == null) {
            throw new IllegalStateException("RealInfraResource has not started: register it on a @QuarkusTest");
        }
        return infra;
    }

    @Override
    public void init(Map<String, String> initArgs) {
        database = initArgs.getOrDefault("database", database);
        signsTokens = Boolean.parseBoolean(initArgs.getOrDefault("signs-tokens", "false"));
    }

    @Override
    public Map<String, String> start() {
        synchronized (RealInfraResource.class) {
            if (infra == null) {
                try {
                    dataDir = Files.createTempDirectory("shahed-test-infra-");
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                infra = LocalInfra.startEphemeral(dataDir);
            }
        }
        Map<String, String> config = new HashMap<>(signsTokens ? infra.gatewayConfig(database) : infra.serviceConfig(database));
        config.put("quarkus.http.test-port", "0");
        return config;
    }

    @Override
    public void stop() {
        synchronized (RealInfraResource.class) {
            if (infra != null) {
                infra.close();
                infra = null;
                deleteRecursively(dataDir);
            }
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // A leftover temporary directory is harmless; the servers are already stopped.
        }
    }
}
