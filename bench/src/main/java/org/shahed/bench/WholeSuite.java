package org.shahed.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.shahed.infra.LocalInfra;
import org.shahed.infra.ShahedServices;

/**
 * The four applications started as in production for a benchmark that goes through the gateway, and the token of
 * its caller: an ingestion script of one organisation (so that every way in does the same work), whose rate limit
 * is lifted (it is not what is measured).
 */
record WholeSuite(ShahedServices services, String ingestToken) implements AutoCloseable {

    static WholeSuite start(LocalInfra infra, Path root, Path dir) {
        List<String> jvm = List.of("-Xmx256m", "-XX:+UseSerialGC", "-Dshahed.gateway.rate-limits.ingest.capacity=100000000");
        ShahedServices services = ShahedServices.start(root, infra, dir.resolve("logs"), jvm, false);
        services.awaitReady(Duration.ofMinutes(4));
        var claims = infra.jwtKeys().claims("benchmark", Set.of("ingest"), Duration.ofHours(1));
        claims.setClaim("organisation", "bench");
        return new WholeSuite(services, infra.jwtKeys().sign(claims));
    }

    String url(String module) {
        return services.url(module);
    }

    @Override
    public void close() {
        services.close();
    }
}
