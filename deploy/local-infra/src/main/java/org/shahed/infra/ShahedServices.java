package org.shahed.infra;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The four Shahed services as separate processes on one set of servers, each told where the others listen. Used by the local run, the system tests and the benchmarks; a service can be stopped and
 * started again on the same port (to test that consumers catch up).
 */
public final class ShahedServices implements AutoCloseable {
    /** Service module, its database, and the port it prefers. */
    public record Service(String module, String database, int preferredPort) {
    }

    public static final List<Service> ALL = List.of(
            new Service("incident-service", "incident", 8081),
            new Service("casualty-service", "casualty", 8082),
            new Service("media-service", "media", 8083),
            new Service("gateway", "gateway", 8080));

    private final Path root;
    private final LocalInfra infra;
    private final Path logs;
    private final List<String> jvmOptions;
    private final Map<String, Integer> ports = new LinkedHashMap<>();
    private final Map<String, ServiceProcess> running = new LinkedHashMap<>();

    private ShahedServices(Path root, LocalInfra infra, Path logs, List<String> jvmOptions) {
        this.root = root;
        this.infra = infra;
        this.logs = logs;
        this.jvmOptions = jvmOptions;
    }

    /**
     * Starts every service (their jars built under {@code root}); does not wait for them. With
     * {@code preferredPorts}, each takes its usual port when free.
     */
    public static ShahedServices start(Path root, LocalInfra infra, Path logs, List<String> jvmOptions,
            boolean preferredPorts) {
        ShahedServices services = new ShahedServices(root, infra, logs, jvmOptions);
        for (Service service : ALL) {
            int port = preferredPorts && FreePorts.isFree(service.preferredPort()) ? service.preferredPort() : FreePorts.pick();
            services.ports.put(service.module(), port);
        }
        for (Service service : ALL) {
            services.start(service.module());
        }
        return services;
    }

    /** Starts one service (again) on its port. */
    public void start(String module) {
        running.put(module, launch(module, module, ports.get(module), Map.of()));
    }

    /**
     * Starts another replica of {@code module}, named {@code replica}, on a port of its own, sharing the module's
     * database and topics, with {@code settings} on top of the module's; stop or kill it by that name.
     */
    public ServiceProcess startReplica(String module, String replica, Map<String, String> settings) {
        ServiceProcess process = launch(module, replica, FreePorts.pick(), settings);
        running.put(replica, process);
        return process;
    }

    /** Kills a service or replica at once (SIGKILL), as a crash would. */
    public void kill(String name) {
        ServiceProcess process = running.remove(name);
        if (process != null) {
            process.kill();
        }
    }

    private ServiceProcess launch(String module, String name, int port, Map<String, String> settings) {
        Service service = ALL.stream().filter(s -> s.module().equals(module)).findFirst().orElseThrow();
        Map<String, String> config = new LinkedHashMap<>(module.equals("gateway")
                ? infra.gatewayConfig(service.database()) : infra.serviceConfig(service.database()));
        // Where the others are, for reconciliation (the one place services read each other's APIs).
        config.put("shahed.peers.incident-service", url("incident-service"));
        config.put("shahed.peers.casualty-service", url("casualty-service"));
        config.put("shahed.peers.media-service", url("media-service"));
        if (module.equals("gateway")) {
            for (String backend : List.of("incident-service", "casualty-service", "media-service")) {
                config.put("shahed.gateway.services." + backend + ".url", url(backend));
            }
        }
        config.putAll(settings);
        return ServiceProcess.start(name, root.resolve(module).resolve("target/quarkus-app/quarkus-run.jar"),
                port, config, logs.resolve(name + ".log"), jvmOptions);
    }

    public void stop(String module) {
        ServiceProcess process = running.remove(module);
        if (process != null) {
            process.stop();
        }
    }

    public void awaitReady(Duration timeout) {
        for (ServiceProcess process : running.values()) {
            process.awaitReady(timeout);
        }
    }

    public String url(String module) {
        return "http://127.0.0.1:" + ports.get(module);
    }

    public List<ServiceProcess> running() {
        return new ArrayList<>(running.values());
    }

    @Override
    public void close() {
        List<String> modules = new ArrayList<>(running.keySet());
        for (int i = modules.size() - 1; i >= 0; i--) {
            try {
                stop(modules.get(i));
            } catch (RuntimeException e) {
                System.err.println("  (while stopping " + modules.get(i) + ": " + e.getMessage() + ")");
            }
        }
    }
}
