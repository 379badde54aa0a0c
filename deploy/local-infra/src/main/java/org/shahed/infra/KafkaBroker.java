package org.shahed.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

/**
 * A real single-node Apache Kafka broker in KRaft mode (broker and controller in one process) on 127.0.0.1.
 * The log directory survives {@link #stop()}, so {@link #start()} brings the same broker back with its data.
 */
public final class KafkaBroker implements AutoCloseable {
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);
    private static final List<String> JVM_OPTIONS = List.of("-Xmx512m", "-Xms128m", "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1", "-Djava.awt.headless=true");

    private final Path dir;
    private final int port;
    private final int controllerPort;
    private final ServerProcess server;
    /** The SASL_SSL listener's port and its SCRAM-SHA-512 users (name → password), or 0 and none. */
    private final int securedPort;
    private final Map<String, String> scramUsers;

    private KafkaBroker(Path dir, int port, int controllerPort) {
        this(dir, port, controllerPort, 0, Map.of());
    }

    private KafkaBroker(Path dir, int port, int controllerPort, int securedPort, Map<String, String> scramUsers) {
        this.dir = dir;
        this.port = port;
        this.controllerPort = controllerPort;
        this.securedPort = securedPort;
        this.scramUsers = Map.copyOf(scramUsers);
        Path config = dir.resolve("server.properties");
        this.server = ServerProcess.java("Kafka broker", "kafka.classpath", jvmOptions(), "kafka.Kafka",
                List.of(config.toString()), dir, dir.resolve("kafka.log"));
    }

    /** Formats {@code dir} on first use and starts the broker, waiting until it answers. */
    public static KafkaBroker start(Path dir, int port, int controllerPort) {
        KafkaBroker broker = new KafkaBroker(dir, port, controllerPort);
        broker.prepare();
        broker.start();
        return broker;
    }

    /**
     * A broker as production runs it (deploy/kubernetes): besides the plain listener, kept for the test's own
     * administration (its anonymous principal is a super user), a SASL_SSL listener with SCRAM-SHA-512 for
     * {@code scramUsers} and ACLs enforced (nothing is allowed without one). Its certificate is self-signed, in
     * {@link #certificateAuthority()} as PEM for clients.
     */
    public static KafkaBroker startSecured(Path dir, int port, int controllerPort, int securedPort, Map<String, String> scramUsers) {
        KafkaBroker broker = new KafkaBroker(dir, port, controllerPort, securedPort, scramUsers);
        broker.prepare();
        broker.start();
        return broker;
    }

    public String securedBootstrapServers() {
        return "127.0.0.1:" + securedPort;
    }

    /** The PEM certificate clients of the SASL_SSL listener trust. */
    public Path certificateAuthority() {
        return dir.resolve("broker.crt");
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public boolean isRunning() {
        return server.isAlive();
    }

    /** Starts the broker again after {@link #stop()}, on the same port and with the same data. */
    public synchronized void start() {
        if (server.isAlive()) {
            return;
        }
        server.start();
        server.awaitReady(this::answers, READY_TIMEOUT);
    }

    /** Shuts the broker down cleanly; clients see it as gone until {@link #start()}. */
    public synchronized void stop() {
        server.stop(Duration.ofSeconds(30));
    }

    @Override
    public void close() {
        stop();
    }

    private void prepare() {
        try {
            Files.createDirectories(dir.resolve("data"));
            if (securedPort != 0) {
                LocalCertificates.make(dir, "broker");
            }
            Files.writeString(dir.resolve("server.properties"), serverProperties());
            Files.writeString(dir.resolve("log4j2.properties"), LOG4J2_PROPERTIES);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (Files.exists(dir.resolve("data").resolve("meta.properties"))) {
            return; // formatted by an earlier run: keep its data
        }
        List<String> format = new ArrayList<>(List.of("format", "--ignore-formatted", "-t", Uuid.randomUuid().toString(),
                "-c", dir.resolve("server.properties").toString()));
        scramUsers.forEach((name, password) -> {
            format.add("--add-scram");
            format.add("SCRAM-SHA-512=[name=" + name + ",password=" + password + "]");
        });
        ServerProcess.java("Kafka storage format", "kafka.classpath", jvmOptions(), "kafka.tools.StorageTool",
                format, dir, dir.resolve("kafka-format.log"))
                .runToCompletion(Duration.ofSeconds(120));
    }

    private boolean answers() {
        Map<String, Object> config = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 2000);
        try (Admin admin = Admin.create(config)) {
            return !admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).isEmpty();
        } catch (Exception e) {
            return false;
        }
    }

    private List<String> jvmOptions() {
        return concat(JVM_OPTIONS, "-Dlog4j2.configurationFile=" + dir.resolve("log4j2.properties"));
    }

    private String securedProperties() {
        if (securedPort == 0) {
            return "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort + "\n"
                    + "advertised.listeners=PLAINTEXT://127.0.0.1:" + port + "\n"
                    + "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT\n";
        }
        return String.join("\n",
                "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort
                        + ",SASL_SSL://127.0.0.1:" + securedPort,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port + ",SASL_SSL://127.0.0.1:" + securedPort,
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT,SASL_SSL:SASL_SSL",
                "sasl.enabled.mechanisms=SCRAM-SHA-512",
                "listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required;",
                "ssl.keystore.type=PKCS12",
                "ssl.keystore.location=" + dir.resolve("broker.p12"),
                "ssl.keystore.password=" + LocalCertificates.PASSWORD,
                "ssl.key.password=" + LocalCertificates.PASSWORD,
                "authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer",
                "allow.everyone.if.no.acl.found=false",
                "super.users=User:ANONYMOUS",
                "");
    }

    private String serverProperties() {
        return securedProperties() + String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "log.dirs=" + dir.resolve("data"),
                "num.partitions=3",
                "auto.create.topics.enable=true",
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=5",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                "num.network.threads=2",
                "num.io.threads=2",
                "background.threads=2",
                "");
    }

    private static List<String> concat(List<String> list, String extra) {
        List<String> result = new ArrayList<>(list);
        result.add(extra);
        return result;
    }

    private static final String LOG4J2_PROPERTIES = String.join("\n",
            "rootLogger.level=INFO",
            "rootLogger.appenderRef.out.ref=OUT",
            "appender.out.type=Console",
            "appender.out.name=OUT",
            "appender.out.layout.type=PatternLayout",
            "appender.out.layout.pattern=[%d] %p %m (%c)%n",
            "logger.state.name=state.change.logger",
            "logger.state.level=WARN",
            "");
}
