package org.shahed.gateway.routing;

import java.net.URI;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Who answers which part of the API: the gateway itself (its admin API and the composed dossier), or the service
 * that owns the first path segment after /api/v1 (admin paths: the service that owns the checked data).
 */
final class Routes {
    /** Who answers a path: a service (by name, for error messages, and base URI) or, with no URI, the gateway. */
    record Target(String name, URI uri) {
        static final Target GATEWAY = new Target("gateway", null);

        boolean isGateway() {
            return uri == null;
        }
    }

    /** The gateway's own admin API, paths after /api/v1/admin/. */
    private static final List<String> GATEWAY_ADMIN = List.of("api-keys", "audit-log");

    /** The gateway's own resources outside admin, by first path segment. */
    private static final List<String> GATEWAY_SEGMENTS = List.of("dossier-signing-keys", "me");

    private static final Pattern DOSSIER = Pattern.compile("incidents/[^/]+/dossier(/packet)?");

    private final GatewayConfig config;
    /** The registry read once: first path segment → its service; admin path prefix → its service. */
    private final Map<String, Target> bySegment = new HashMap<>();
    private final Map<String, Target> byAdminPrefix = new LinkedHashMap<>();

    Routes(GatewayConfig config) {
        this.config = config;
        GATEWAY_ADMIN.forEach(prefix -> byAdminPrefix.put(prefix, Target.GATEWAY));
        GATEWAY_SEGMENTS.forEach(segment -> bySegment.put(segment, Target.GATEWAY));
        config.services().forEach((name, service) -> {
            Target target = new Target(name, service.url());
            service.paths().forEach(segment -> bySegment.put(segment, target));
            service.adminPaths().orElse(List.of()).forEach(prefix -> byAdminPrefix.put(prefix, target));
        });
    }

    /** The largest body accepted on {@code path} (already checked to start with /api/v1/), in bytes. */
    long bodyLimitOf(String path) {
        var limits = config.bodyLimits();
        var limit = limits.getOrDefault(segment(path), limits.get("default"));
        return limit == null ? 10L * 1024 * 1024 : limit.asLongValue();
    }

    private static String segment(String path) {
        String rest = path.substring("/api/v1/".length());
        int slash = rest.indexOf('/');
        return slash < 0 ? rest : rest.substring(0, slash);
    }

    /** Who answers {@code path} (already checked to start with /api/v1/), if anyone does. */
    Optional<Target> targetOf(String path) {
        String rest = path.substring("/api/v1/".length());
        if (DOSSIER.matcher(rest).matches()) {
            return Optional.of(Target.GATEWAY);
        }
        if (rest.startsWith("admin/")) {
            String admin = rest.substring("admin/".length());
            return byAdminPrefix.entrySet().stream().filter(route -> owns(route.getKey(), admin))
                    .map(Map.Entry::getValue).findFirst();
        }
        return Optional.ofNullable(bySegment.get(segment(path)));
    }

    private static boolean owns(String prefix, String path) {
        return path.equals(prefix) || path.startsWith(prefix + "/");
    }
}
