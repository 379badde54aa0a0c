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

    private KafkaBroker(Path dir, int port, int controllerPort) {
        this.dir = dir;
        this.port = port;
        this.controllerPort = controllerPort;
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
            Files.writeString(dir.resolve("server.properties"), serverProperties());
            Files.writeString(dir.resolve("log4j2.properties"), LOG4J2_PROPERTIES);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (Files.exists(dir.resolve("data").resolve("meta.properties"))) {
            return; // formatted by an earlier run: keep its data
        }
        ServerProcess.java("Kafka storage format", "kafka.classpath", jvmOptions(), "kafka.tools.StorageTool",
                List.of("format", "--ignore-formatted", "-t", Uuid.randomUuid().toString(),
                        "-c", dir.resolve("server.properties").toString()),
                dir, dir.resolve("kafka-format.log"))
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

    private String serverProperties() {
        return String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
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
