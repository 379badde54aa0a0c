package org.shahed.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.shahed.infra.LocalInfra;
import org.shahed.infra.ShahedServices;

/**
 * The real servers and the four services, started once for all system tests of the run (a JUnit extension
 * whose state lives in the root store, closed when the run ends), as separate processes like in production.
 */
public final class RunningSuite implements BeforeAllCallback {
    private static Suite suite;

    /** The started suite; tests reach the services through it. */
    record Suite(Path dir, LocalInfra infra, ShahedServices services) implements ExtensionContext.Store.CloseableResource {
        String url(String module) {
            return services.url(module);
        }

        String token(String role) {
            return infra.jwtKeys().token("system-" + role, Set.of(role), Duration.ofHours(1));
        }

        @Override
        public void close() {
            services.close();
            infra.close();
            try (Stream<Path> paths = Files.walk(dir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // a leftover temporary folder is harmless
            }
        }
    }

    static Suite suite() {
        return suite;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).getOrComputeIfAbsent(Suite.class, key -> {
            try {
                Path dir = Files.createTempDirectory("shahed-system-");
                Path root = Path.of("").toAbsolutePath().getParent();
                LocalInfra infra = SecuredKafka.startInfra(dir, root);
                ShahedServices services = ShahedServices.start(root, infra, dir.resolve("logs"),
                        List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"), false);
                services.awaitReady(Duration.ofMinutes(4));
                suite = new Suite(dir, infra, services);
                return suite;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, Suite.class);
    }
}
