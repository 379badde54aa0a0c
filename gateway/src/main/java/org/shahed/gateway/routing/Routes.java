package org.shahed.gateway.routing;

import java.net.URI;
import java.util.Map;
import java.util.Optional;

/** Which service owns which part of the API: the first path segment after /api/v1 decides. */
final class Routes {
    /** A backend by name, for error messages, and its base URI. */
    record Backend(String name, URI uri) {
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

    /** The backend of {@code path} (already checked to start with /api/v1/), if any owns it. */
    Optional<Backend> backendOf(String path) {
        String owner = OWNER.get(segment(path));
        if (owner == null) {
            return Optional.empty();
        }
        URI uri = switch (owner) {
            case "incident-service" -> config.backends().incident();
            case "casualty-service" -> config.backends().casualty();
            default -> config.backends().media();
        };
        return Optional.of(new Backend(owner, uri));
    }
}
