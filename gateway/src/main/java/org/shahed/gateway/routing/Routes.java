package org.shahed.gateway.routing;

import java.net.URI;
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

    private static final Map<String, String> OWNER = Map.ofEntries(
            Map.entry("incidents", "incident-service"),
            Map.entry("thesauri", "incident-service"),
            Map.entry("area-control", "incident-service"),
            Map.entry("reports", "incident-service"),
            Map.entry("casualties", "casualty-service"),
            Map.entry("casualty-imports", "casualty-service"),
            Map.entry("casualty-counts", "casualty-service"),
            Map.entry("casualty-aggregates", "casualty-service"),
            Map.entry("media", "media-service"));

    /** The admin API, path prefix after /api/v1/ → who answers it. */
    private static final List<Map.Entry<String, String>> ADMIN = List.of(
            Map.entry("admin/api-keys", "gateway"),
            Map.entry("admin/audit-log", "gateway"),
            Map.entry("admin/reconciliation/casualty-summaries", "incident-service"),
            Map.entry("admin/reconciliation/incident-projection", "casualty-service"),
            Map.entry("admin/reconciliation/projections", "media-service"));

    private static final Pattern DOSSIER = Pattern.compile("incidents/[^/]+/dossier");

    private final GatewayConfig config;

    Routes(GatewayConfig config) {
        this.config = config;
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
        String owner = OWNER.get(segment(path));
        if (owner == null) {
            owner = ADMIN.stream().filter(route -> rest.equals(route.getKey()) || rest.startsWith(route.getKey() + "/"))
                    .map(Map.Entry::getValue).findFirst().orElse(null);
        }
        if (owner == null) {
            return Optional.empty();
        }
        return Optional.of(switch (owner) {
            case "gateway" -> Target.GATEWAY;
            case "incident-service" -> new Target(owner, config.backends().incident());
            case "casualty-service" -> new Target(owner, config.backends().casualty());
            default -> new Target(owner, config.backends().media());
        });
    }
}
