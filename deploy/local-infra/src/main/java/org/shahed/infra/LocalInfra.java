package org.shahed.infra;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * The servers Shahed needs, all real and all on 127.0.0.1: PostgreSQL, a Kafka broker and an S3 server, plus
 * the key pair that signs development tokens. The tests start one per module on fresh state; the local run
 * starts one over a data directory that it keeps between runs.
 */
public final class LocalInfra implements AutoCloseable {
    private final Path dataDir;
    private final PostgresServer postgres;
    private final KafkaBroker kafka;
    private final S3Server s3;
    private final DevJwtKeys jwtKeys;
    private final DevJwtKeys gatewayKeys;
    /** The kid of the gateway's key: the gateway's default ({@code shahed.gateway.api-keys.signing-key-id}). */
    private static final String GATEWAY_KEY_ID = "shahed-gateway-1";
    /** Secured (as production runs): each service's Kafka user and password, and PostgreSQL's CA; else empty, null. */
    private Map<String, String> kafkaUsers = Map.of();
    private Path postgresCertificateAuthority;

    private LocalInfra(Path dataDir, PostgresServer postgres, KafkaBroker kafka, S3Server s3, DevJwtKeys jwtKeys,
            DevJwtKeys gatewayKeys) {
        this.dataDir = dataDir;
        this.postgres = postgres;
        this.kafka = kafka;
        this.s3 = s3;
        this.jwtKeys = jwtKeys;
        this.gatewayKeys = gatewayKeys;
    }

    /** Fresh servers on free ports, their state in {@code dataDir}, which the caller removes afterwards. */
    public static LocalInfra startEphemeral(Path dataDir) {
        return start(dataDir, false, new Settings(FreePorts.pick(), FreePorts.pick(), FreePorts.pick(),
                FreePorts.pick(), "test-" + randomHex(4), randomHex(20)));
    }

    /**
     * Fresh servers as production runs them (deploy/kubernetes): PostgreSQL with TLS, which services check
     * (verify-full); Kafka's services on a SASL_SSL listener with SCRAM-SHA-512, one user per service
     * ({@code <service>-kafka}, e.g. incident-service-kafka) and ACLs enforced — the caller grants them (the plain
     * listener stays open to tests and administration). {@link #kafkaUsers()} gives the users' passwords.
     */
    public static LocalInfra startEphemeralSecured(Path dataDir, Set<String> kafkaUsers) {
        Map<String, String> users = new LinkedHashMap<>();
        kafkaUsers.forEach(user -> users.put(user, randomHex(16)));
        Path certificates = dataDir.resolve("tls");
        try {
            LocalCertificates.make(certificates, "postgres");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> postgresTls = Map.of("ssl", "on", "ssl_cert_file", certificates.resolve("postgres.crt").toString(),
                "ssl_key_file", certificates.resolve("postgres.key").toString());
        LocalInfra infra = start(dataDir, false, new Settings(FreePorts.pick(), FreePorts.pick(), FreePorts.pick(),
                FreePorts.pick(), "test-" + randomHex(4), randomHex(20)), postgresTls, users, FreePorts.pick());
        infra.kafkaUsers = Map.copyOf(users);
        infra.postgresCertificateAuthority = certificates.resolve("postgres.crt");
        return infra;
    }

    /** The Kafka users of a secured start (name → password); empty otherwise. */
    public Map<String, String> kafkaUsers() {
        return kafkaUsers;
    }

    /**
     * Servers over the state kept in {@code dataDir}: the ports and S3 keys chosen on the first run are
     * remembered in {@code dataDir/infra.properties} and used again.
     */
    public static LocalInfra startPersistent(Path dataDir) {
        return start(dataDir, true, Settings.loadOrCreate(dataDir.resolve("infra.properties")));
    }

    private static LocalInfra start(Path dataDir, boolean keepData, Settings settings) {
        return start(dataDir, keepData, settings, Map.of(), Map.of(), 0);
    }

    private static LocalInfra start(Path dataDir, boolean keepData, Settings settings, Map<String, String> postgresSettings,
            Map<String, String> kafkaUsers, int securedKafkaPort) {
        PostgresServer postgres = null;
        KafkaBroker kafka = null;
        try {
            Files.createDirectories(dataDir);
            postgres = PostgresServer.start(dataDir.resolve("postgres").resolve("cluster"), settings.postgresPort,
                    keepData, postgresSettings);
            kafka = kafkaUsers.isEmpty()
                    ? KafkaBroker.start(dataDir.resolve("kafka"), settings.kafkaPort, settings.kafkaControllerPort)
                    : KafkaBroker.startSecured(dataDir.resolve("kafka"), settings.kafkaPort, settings.kafkaControllerPort,
                            securedKafkaPort, kafkaUsers);
            S3Server s3 = S3Server.start(dataDir.resolve("s3"), settings.s3Port, settings.s3AccessKey,
                    settings.s3SecretKey);
            return new LocalInfra(dataDir, postgres, kafka, s3, DevJwtKeys.loadOrCreate(dataDir.resolve("jwt"), "local-dev-1"),
                    DevJwtKeys.loadOrCreate(dataDir.resolve("jwt-gateway"), GATEWAY_KEY_ID));
        } catch (RuntimeException | IOException e) {
            if (kafka != null) {
                kafka.close();
            }
            if (postgres != null) {
                postgres.close();
            }
            throw e instanceof RuntimeException r ? r : new UncheckedIOException((IOException) e);
        }
    }

    public PostgresServer postgres() {
        return postgres;
    }

    public KafkaBroker kafka() {
        return kafka;
    }

    public S3Server s3() {
        return s3;
    }

    /** The development identity provider's keys: the tokens of people (and tests), any role. */
    public DevJwtKeys jwtKeys() {
        return jwtKeys;
    }

    /** The gateway's own key pair, for the tokens API keys are exchanged for (partner and ingest only). */
    public DevJwtKeys gatewayKeys() {
        return gatewayKeys;
    }

    public Path dataDir() {
        return dataDir;
    }

    /**
     * The configuration a Shahed service needs to run on this infrastructure, as Quarkus configuration keys:
     * its own database (created here if missing), the broker, the object store and the token verification key.
     */
    public Map<String, String> serviceConfig(String database) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("quarkus.datasource.jdbc.url", postgres.createDatabase(database));
        config.put("quarkus.datasource.username", PostgresServer.USER);
        config.put("quarkus.datasource.password", "");
        config.put("kafka.bootstrap.servers", kafka.bootstrapServers());
        if (postgresCertificateAuthority != null) {
            // As the manifests connect (POSTGRES_TLS): encrypted, the server checked against the CA and its name.
            config.put("quarkus.datasource.jdbc.url", config.get("quarkus.datasource.jdbc.url")
                    + "?sslmode=verify-full&sslrootcert=" + postgresCertificateAuthority);
        }
        String kafkaUser = database + "-service-kafka";
        if (kafkaUsers.containsKey(kafkaUser)) {
            // As the manifests' ConfigMap and the KafkaUser's Secret configure a service.
            config.put("kafka.bootstrap.servers", kafka.securedBootstrapServers());
            config.put("kafka.security.protocol", "SASL_SSL");
            config.put("kafka.sasl.mechanism", "SCRAM-SHA-512");
            config.put("kafka.ssl.truststore.type", "PEM");
            config.put("kafka.ssl.truststore.location", kafka.certificateAuthority().toString());
            config.put("kafka.sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
                    + kafkaUser + "\" password=\"" + kafkaUsers.get(kafkaUser) + "\";");
        }
        config.put("shahed.s3.endpoint", s3.endpoint());
        config.put("shahed.s3.access-key", s3.accessKey());
        config.put("shahed.s3.secret-key", s3.secretKey());
        // The local S3 server has no object lock: media-service is told not to insist on it here (it does in production).
        config.put("shahed.media.evidence-lock.required", "false");
        // Keys as identity providers publish them: JWKS of several keys, each token naming its own (kid).
        config.put("mp.jwt.verify.publickey.location", jwtKeys.keySetFile().toUri().toString());
        config.put("mp.jwt.verify.issuer", DevJwtKeys.ISSUER);
        config.put("shahed.security.gateway-tokens.publickey-location", gatewayKeys.keySetFile().toUri().toString());
        // Logs for a person at a terminal: plain text unless SHAHED_JSON_LOGS=true (production logs JSON lines).
        config.put("quarkus.log.console.json.enabled", String.valueOf(Boolean.parseBoolean(System.getenv("SHAHED_JSON_LOGS"))));
        // Swagger UI, off in production, for a person trying the API on this machine.
        config.put("quarkus.swagger-ui.enable", "true");
        // Traces: ids made and carried on, none sampled, unless an OTLP collector is named to export them to.
        String collector = System.getenv("OTEL_EXPORTER_OTLP_ENDPOINT");
        if (collector != null && !collector.isBlank()) {
            config.put("quarkus.otel.exporter.otlp.endpoint", collector);
        } else {
            config.put("quarkus.otel.traces.sampler.arg", "0");
        }
        return config;
    }

    /**
     * The configuration of the gateway: as a service's (it verifies its own tokens where an API key reaches its own
     * resources, the dossier or the admin API), and it signs the tokens API keys are exchanged for.
     */
    public Map<String, String> gatewayConfig(String database) {
        Map<String, String> config = serviceConfig(database);
        config.put("smallrye.jwt.sign.key.location", gatewayKeys.privateKeyFile().toUri().toString());
        // Dossier packets are signed with a key of their own, kept with the data (packets stay verifiable).
        config.put("shahed.gateway.dossiers.signing-key-location",
                DevJwtKeys.loadOrCreate(dataDir.resolve("dossier-signing"), "dossier").privateKeyFile().toUri().toString());
        // A dashboard served on this machine may call the API.
        config.put("shahed.gateway.cors-origins", "http://localhost:3000");
        return config;
    }

    @Override
    public void close() {
        s3.close();
        kafka.close();
        postgres.close();
    }

    private static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        new SecureRandom().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }

    private record Settings(int postgresPort, int kafkaPort, int kafkaControllerPort, int s3Port, String s3AccessKey,
            String s3SecretKey) {

        static Settings loadOrCreate(Path file) {
            Properties properties = new Properties();
            try {
                if (Files.exists(file)) {
                    try (InputStream in = Files.newInputStream(file)) {
                        properties.load(in);
                    }
                } else {
                    properties.setProperty("postgres.port", String.valueOf(preferred(15432)));
                    properties.setProperty("kafka.port", String.valueOf(preferred(19092)));
                    properties.setProperty("kafka.controller.port", String.valueOf(preferred(19093)));
                    properties.setProperty("s3.port", String.valueOf(preferred(19000)));
                    properties.setProperty("s3.access-key", "local-" + randomHex(4));
                    properties.setProperty("s3.secret-key", randomHex(20));
                    Files.createDirectories(file.getParent());
                    try (OutputStream out = Files.newOutputStream(file)) {
                        properties.store(out, "Ports and S3 keys of the local Shahed stack, chosen on its first run");
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return new Settings(
                    Integer.parseInt(properties.getProperty("postgres.port")),
                    Integer.parseInt(properties.getProperty("kafka.port")),
                    Integer.parseInt(properties.getProperty("kafka.controller.port")),
                    Integer.parseInt(properties.getProperty("s3.port")),
                    properties.getProperty("s3.access-key"),
                    properties.getProperty("s3.secret-key"));
        }

        private static int preferred(int port) {
            return FreePorts.isFree(port) ? port : FreePorts.pick();
        }
    }
}
