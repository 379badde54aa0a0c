package org.shahed.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/**
 * The whole Shahed suite on one machine, without Docker: the real servers over a data directory kept between
 * runs, then the four services as separate processes. Ctrl-C stops everything. Started by deploy/run-local.sh.
 */
public final class LocalStackMain {
    private LocalStackMain() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = parse(args);
        Path root = Path.of(options.getOrDefault("--root", ".")).toAbsolutePath().normalize();
        Path dataDir = Path.of(options.getOrDefault("--data-dir", root.resolve(".shahed-data").toString()))
                .toAbsolutePath().normalize();
        Path logs = dataDir.resolve("logs");

        System.out.println("Shahed local stack: data in " + dataDir);
        System.out.println("Starting PostgreSQL, Kafka and S3 ...");
        LocalInfra infra = LocalInfra.startPersistent(dataDir);
        List<ShahedServices> started = new ArrayList<>();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("\nStopping Shahed ...");
            started.forEach(services -> quietly(services::close));
            quietly(infra::close);
            stopped.countDown();
        }, "shahed-stop"));

        System.out.println("  PostgreSQL  127.0.0.1:" + infra.postgres().port() + "  (user postgres; databases "
                + String.join(", ", ShahedServices.ALL.stream().map(ShahedServices.Service::database).toList()) + ")");
        System.out.println("  Kafka       " + infra.kafka().bootstrapServers());
        System.out.println("  S3          " + infra.s3().endpoint() + "  (keys in " + dataDir.resolve("infra.properties") + ")");

        System.out.println("Starting " + String.join(", ", ShahedServices.ALL.stream().map(ShahedServices.Service::module).toList())
                + " ...");
        ShahedServices services = ShahedServices.start(root, infra, logs, List.of("-Xmx384m", "-XX:+UseSerialGC"), true);
        started.add(services);
        for (ServiceProcess service : services.running()) {
            service.awaitReady(Duration.ofMinutes(3));
            System.out.println("  " + pad(service.name()) + service.url() + "  ready (log: " + service.logFile() + ")");
        }

        String gateway = services.url("gateway");
        Path tokens = writeTokens(infra, dataDir, gateway);
        System.out.println();
        System.out.println("Shahed is up.");
        System.out.println("  Gateway     " + gateway);
        System.out.println("  Swagger UI  " + gateway + "/q/swagger-ui");
        System.out.println("  Dashboard   " + gateway + "/dashboard/  (sign in with the partner API key below)");
        System.out.println("  Tokens      one per role, valid 12 hours, and API keys for partner and ingest, in " + tokens + ":");
        for (String line : Files.readAllLines(tokens)) {
            if (!line.startsWith("#")) {
                System.out.println("    " + line);
            }
        }
        System.out.println("  Use them:   source " + tokens + "; curl -H \"Authorization: Bearer $SHAHED_TOKEN_ANALYST\" "
                + gateway + "/api/v1/...");
        System.out.println("         or:  curl -H \"X-API-Key: $SHAHED_API_KEY_PARTNER\" " + gateway + "/api/v1/incidents");
        System.out.println("  CLI:        source " + tokens + "; export SHAHED_URL=" + gateway
                + " SHAHED_API_KEY=$SHAHED_API_KEY_INGEST; ./shahed whoami; ./shahed import casualties FILE.csv");
        System.out.println("Press Ctrl-C to stop.");
        stopped.await();
    }

    /**
     * Tokens for each role and API keys for the roles keys carry, as shell variables (source the file to use them
     * with curl). Keys of an earlier run that still work are kept; others are made through the gateway's admin API.
     */
    private static Path writeTokens(LocalInfra infra, Path dataDir, String gateway) {
        Path path = dataDir.resolve("tokens.env");
        Map<String, String> earlier = readVariables(path);
        StringBuilder file = new StringBuilder("# Development tokens and API keys for the local Shahed stack; source this file.\n");
        for (String role : DevJwtKeys.ROLES) {
            String token = infra.jwtKeys().token("local-" + role, Set.of(role), Duration.ofHours(12));
            file.append("export SHAHED_TOKEN_").append(role.toUpperCase()).append('=').append(token).append('\n');
        }
        String admin = infra.jwtKeys().token("local-admin", Set.of("admin"), Duration.ofMinutes(5));
        for (String role : List.of("partner", "ingest")) {
            String variable = "SHAHED_API_KEY_" + role.toUpperCase();
            String key = earlier.get(variable);
            if (key == null || !LocalApiKeys.works(gateway, key)) {
                key = LocalApiKeys.create(gateway, admin, role);
            }
            file.append("export ").append(variable).append('=').append(key).append('\n');
        }
        try {
            Files.writeString(path, file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return path;
    }

    private static Map<String, String> readVariables(Path file) {
        Map<String, String> variables = new LinkedHashMap<>();
        try {
            if (Files.exists(file)) {
                for (String line : Files.readAllLines(file)) {
                    String assignment = line.startsWith("export ") ? line.substring("export ".length()) : line;
                    int equals = assignment.indexOf('=');
                    if (!assignment.startsWith("#") && equals > 0) {
                        variables.put(assignment.substring(0, equals), assignment.substring(equals + 1));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return variables;
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i], args[i + 1]);
        }
        return options;
    }

    private static String pad(String name) {
        return String.format("%-18s", name);
    }

    private static void quietly(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            System.err.println("  (while stopping: " + e.getMessage() + ")");
        }
    }
}
