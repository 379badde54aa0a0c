package org.shahed.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.shahed.infra.LocalInfra;
import org.shahed.infra.ShahedServices;

/**
 * The four applications started as in production for a benchmark that goes through the gateway, and the token of
 * its caller: an ingestion script of one organisation (so that every way in does the same work). Rate limits are
 * lifted for every role a benchmark acts as: they are not what is measured.
 */
record WholeSuite(ShahedServices services, String ingestToken) implements AutoCloseable {

    static WholeSuite start(LocalInfra infra, Path root, Path dir) {
        List<String> jvm = new ArrayList<>(Benchmarks.serviceJvmOptions());
        jvm.addAll(List.of("-Dshahed.gateway.rate-limits.ingest.capacity=100000000",
                "-Dshahed.gateway.rate-limits.partner.capacity=100000000",
                "-Dshahed.gateway.rate-limits.analyst.capacity=100000000",
                "-Dshahed.gateway.rate-limits.reviewer.capacity=100000000"));
        ShahedServices services = ShahedServices.start(root, infra, dir.resolve("logs"), jvm, false);
        services.awaitReady(Duration.ofMinutes(4));
        return new WholeSuite(services, token(infra, "benchmark", "ingest"));
    }

    /** A token of the benchmarks' organisation for one role, valid for the longest benchmark. */
    static String token(LocalInfra infra, String subject, String role) {
        var claims = infra.jwtKeys().claims(subject, Set.of(role), Duration.ofHours(4));
        claims.setClaim("organisation", "bench");
        return infra.jwtKeys().sign(claims);
    }

    String url(String module) {
        return services.url(module);
    }

    @Override
    public void close() {
        services.close();
    }
}
